package dance.normal.app.studio.uploads;

import dance.normal.app.ui.I18n;
import dance.normal.sync.upload.Upload;
import dance.normal.sync.upload.UploadQueue;
import java.time.Duration;
import java.util.MissingResourceException;

/** An upload in words, in the artist's language: where it stands, its rate and time left, why it was refused. */
final class UploadWords {

    private UploadWords() {
    }

    /** "Uploading… 42%", "Checking the audio…", "Refused: the server could not read it as audio." */
    static String state(Upload u, I18n i18n) {
        int percent = (int) Math.floor(100 * u.fraction());
        return switch (u.state()) {
            case QUEUED -> i18n.get("uploads.queued");
            case UPLOADING -> UploadQueue.RECONNECTING.equals(u.reasonCode())
                    ? i18n.get("uploads.reconnecting", percent) : i18n.get("uploads.uploading", percent);
            case PAUSED -> i18n.get("uploads.paused", percent);
            case CHECKING -> i18n.get("uploads.checking");
            case DONE -> i18n.get("uploads.done");
            case REFUSED -> i18n.get("uploads.refused", reason(u, i18n));
            case FAILED -> i18n.get("uploads.failed", reason(u, i18n));
        };
    }

    /** Why it was refused or stopped, in the artist's language; the server's own sentence when we have none. */
    static String reason(Upload u, I18n i18n) {
        if (u.reasonCode() != null) {
            try {
                return i18n.get("uploads.reason." + u.reasonCode());
            } catch (MissingResourceException unknown) {
                // a refusal we have no words for: the server's sentence below says it
            }
        }
        return u.reason() != null && i18n.locale().getLanguage().equals("en") ? u.reason()
                : i18n.get("uploads.reason.other");
    }

    /**
     * The server's own sentence (in English), shown under ours when it says more, else empty.
     */
    static String serverWords(Upload u, I18n i18n) {
        if ((u.state() != Upload.State.REFUSED && u.state() != Upload.State.FAILED) || u.reason() == null
                || u.reasonCode() == null || u.reasonCode().startsWith("file-")
                || u.reason().equals(reason(u, i18n))) {
            return "";
        }
        return u.reason();
    }

    /** "1.2 MB/s · 0:42 left" while the rate is known, else empty. */
    static String rate(double bytesPerSec, Duration left, I18n i18n) {
        if (bytesPerSec <= 0) {
            return "";
        }
        String rate = i18n.get("uploads.rate", size(bytesPerSec, i18n));
        return left == null ? rate : rate + " \u00b7 " + i18n.get("uploads.left", duration(left));
    }

    static String size(double bytes, I18n i18n) {
        double mb = bytes / (1024.0 * 1024.0);
        return mb >= 1024 ? i18n.get("size.gb", mb / 1024) : mb >= 1 ? i18n.get("size.mb", mb)
                : i18n.get("uploads.kb", bytes / 1024.0);
    }

    /** 0:42, 12:05, 1:02:03. */
    static String duration(Duration d) {
        long s = Math.max(0, (d.toMillis() + 999) / 1000);
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
