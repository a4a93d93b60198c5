package dance.normal.app.ui;

import dance.normal.sync.download.Download;

/** Where a download stands, in words, as Downloads and a track's panel say it. */
public final class DownloadWords {

    private DownloadWords() {
    }

    /** "Downloading… 42%", "Kept on this device", or why it failed. */
    public static String of(Download d, I18n i18n) {
        return switch (d.state()) {
            case QUEUED -> i18n.get("download.queued");
            case DOWNLOADING -> i18n.get("download.progress", d.bytesTotal() == 0 ? 0
                    : (int) (100 * d.bytesDone() / d.bytesTotal()));
            case PAUSED -> i18n.get("download.paused");
            case DONE -> i18n.get("download.done");
            case FAILED -> d.error() == null ? i18n.get("download.failed") : d.error();
        };
    }
}
