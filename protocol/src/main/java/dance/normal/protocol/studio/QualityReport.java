package dance.normal.protocol.studio;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * What the server measured in a track before it goes public ({@code GET /api/v1/studio/tracks/{id}/report}).
 *
 * @param integratedLufs         EBU R128 integrated loudness; null for digital silence or when not measured
 * @param truePeakDbtp           EBU R128 true peak in dBTP; null when not measured
 * @param clippedSamples         samples at or beyond full scale
 * @param silenceStartMs         silence before the music starts
 * @param silenceEndMs           silence after it ends
 * @param bitDepth               bits per sample of the source; null for lossy codecs that have none
 * @param codec                  the codec as ffmpeg names it ({@code pcm_s16le}, {@code flac}, {@code mp3}, ...)
 * @param waveform               the peak of each equal slice of the track, 0 to 1000, from start to end
 * @param suggestedPreviewStartMs where the 30-second preview would start, chosen from the music's energy
 * @param previewStartMs         where it starts now (the suggestion until the artist moves it)
 * @param duplicateOf            the id of a catalog track that is the same recording; null when there is none
 * @param duplicateTitle         that track's title and artist, for the warning
 * @param warnings               what to look at before publishing, in plain words; empty when all is well
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record QualityReport(String trackId, Double integratedLufs, Double truePeakDbtp, long clippedSamples,
                            long silenceStartMs, long silenceEndMs, int sampleRateHz, Integer bitDepth, String codec,
                            int channels, long durationMs, List<Integer> waveform, long suggestedPreviewStartMs,
                            long previewStartMs, String duplicateOf, String duplicateTitle,
                            List<QualityWarning> warnings) {

    public QualityReport {
        waveform = List.copyOf(waveform);
        warnings = List.copyOf(warnings);
    }
}
