package dance.normal.wallet.keys;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away SoftHSM2 token in a directory of its own (never the system's token directory), for tests of
 * {@link Pkcs11Signer} and of the server's treasury in an HSM. Needs Debian {@code softhsm2} ({@code ND_PKGS_TEST}
 * in scripts/env.sh); the calling test is skipped, loudly, only when its module is missing.
 *
 * <p>SoftHSM2 reads {@code SOFTHSM2_CONF} with {@code getenv} at {@code C_Initialize}, so {@link #create} sets it in
 * the C environment of this JVM too (Java's own environment map cannot be changed); child processes need
 * {@link #confFile()} in their environment.
 */
public final class SoftHsm {

    public static final String MODULE = "/usr/lib/softhsm/libsofthsm2.so";

    private final Path conf;
    private final String label;

    private SoftHsm(Path conf, String label) {
        this.conf = conf;
        this.label = label;
    }

    /** Initialises a token labelled {@code label} with user PIN {@code pin} in {@code dir}. */
    public static SoftHsm create(Path dir, String label, String pin, String soPin, String caller) throws IOException,
            InterruptedException {
        boolean present = Files.exists(Path.of(MODULE));
        if (!present) {
            System.err.println("SKIPPED " + caller + ": " + MODULE + " is missing (apt-get install softhsm2)");
        }
        Assumptions.assumeTrue(present, MODULE + " is missing (apt-get install softhsm2)");
        Path tokens = Files.createDirectories(dir.resolve("tokens"));
        Path conf = dir.resolve("softhsm2.conf");
        Files.writeString(conf,
                "directories.tokendir = " + tokens + "\nobjectstore.backend = file\nlog.level = ERROR\n");
        ProcessBuilder init = new ProcessBuilder("softhsm2-util", "--init-token", "--free", "--label", label,
                "--pin", pin, "--so-pin", soPin).redirectErrorStream(true);
        init.environment().put("SOFTHSM2_CONF", conf.toString());
        Process process = init.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("softhsm2-util --init-token failed: " + output);
        }
        setNativeEnv("SOFTHSM2_CONF", conf.toString());
        return new SoftHsm(conf, label);
    }

    /** The configuration file child processes need in {@code SOFTHSM2_CONF}. */
    public Path confFile() {
        return conf;
    }

    public String label() {
        return label;
    }

    private static void setNativeEnv(String name, String value) {
        Linker linker = Linker.nativeLinker();
        MethodHandle setenv = linker.downcallHandle(linker.defaultLookup().find("setenv").orElseThrow(),
                FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.ADDRESS,
                        ValueLayout.JAVA_INT));
        try (Arena arena = Arena.ofConfined()) {
            int rc = (int) setenv.invokeExact(arena.allocateFrom(name), arena.allocateFrom(value), 1);
            if (rc != 0) {
                throw new IllegalStateException("setenv(" + name + ") returned " + rc);
            }
        } catch (Throwable e) {
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException("setenv(" + name + ") failed", e);
        }
    }
}
