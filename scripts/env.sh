# Shared by ./nd and .ci/run: finds JDK 25 and installs the Debian packages a command needs.
# Sourced, not executed.

ND_JDK_MIN=25

nd_java_major() { # prints the feature version of the java binary in $1
    "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p'
}

# Sets JAVA_HOME to a JDK >= 25: JAVA_HOME if it is one, else the newest under /usr/lib/jvm.
nd_find_jdk() {
    local candidate major
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
        major=$(nd_java_major "$JAVA_HOME/bin/java")
        if [ "${major:-0}" -ge "$ND_JDK_MIN" ]; then export JAVA_HOME; return 0; fi
    fi
    for candidate in $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
        candidate=${candidate%/}
        [ -x "$candidate/bin/javac" ] || continue
        major=$(nd_java_major "$candidate/bin/java")
        if [ "${major:-0}" -ge "$ND_JDK_MIN" ]; then export JAVA_HOME=$candidate; return 0; fi
    done
    return 1
}

nd_require_jdk() {
    if ! nd_find_jdk; then
        echo "Normal Dance needs JDK $ND_JDK_MIN. None was found in JAVA_HOME or under /usr/lib/jvm." >&2
        echo "Install one, for example Temurin 25: https://adoptium.net/installation/linux/ (package temurin-25-jdk)," >&2
        echo "then run again, or point JAVA_HOME at it." >&2
        exit 1
    fi
    export PATH="$JAVA_HOME/bin:$PATH"
}

nd_missing_packages() { # prints the Debian packages among "$@" that are not installed
    local p
    for p in "$@"; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || printf '%s ' "$p"
    done
}

# Installs missing Debian packages with apt-get when root; otherwise prints the exact line and fails.
nd_require_packages() {
    command -v dpkg-query >/dev/null 2>&1 || return 0   # not Debian: ./nd doctor says what to check
    local missing
    missing=$(nd_missing_packages "$@")
    [ -z "$missing" ] && return 0
    if [ "$(id -u)" -eq 0 ]; then
        echo "Installing Debian packages: $missing" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2 || true
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >&2
    else
        echo "Missing Debian packages. Install them with:" >&2
        echo "  sudo apt-get install -y --no-install-recommends $missing" >&2
        exit 1
    fi
}

# Packages by purpose. ffmpeg reads and measures audio and encodes the demo catalog; fpcalc (libchromaprint-tools)
# fingerprints uploads to find duplicates;
# libVLC plays; nginx and wrk are benchmark yardsticks only (curl and jq drive the server in bench/run).
ND_PKGS_RUN="ffmpeg libchromaprint-tools libvlc5 vlc-plugin-base"
# The wallet's keychain test needs a Secret Service (GNOME Keyring on a private D-Bus); its Solana tests need Node
# (npm installs litesvm from the lockfile in wallet-core/src/test/node).
ND_PKGS_TEST="$ND_PKGS_RUN libsecret-tools gnome-keyring dbus softhsm2"
command -v node >/dev/null 2>&1 || ND_PKGS_TEST="$ND_PKGS_TEST nodejs npm"
# How the desktop app's JVM runs (./nd app, ./nd demo, ./nd bench app): G1 collects when the app is idle and gives
# memory it no longer needs back to the system, as a desktop program should after loading a large library.
: "${ND_APP_JAVA_OPTS:=-XX:G1PeriodicGCInterval=1000 -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=20}"
export ND_APP_JAVA_OPTS
ND_PKGS_BENCH="$ND_PKGS_RUN nginx-light wrk curl jq vlc-bin xvfb xdotool strawberry"
