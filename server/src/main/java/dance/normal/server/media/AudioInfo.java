package dance.normal.server.media;

import java.util.Optional;
import java.util.OptionalInt;

/**
 * What {@link AudioInspector} learned about an upload. Tag values are trimmed, free of control characters and
 * never blank (a blank tag is empty).
 *
 * @param durationMs how long it plays, always positive
 * @param bitrateKbps average bitrate of the audio; for lossless formats that of the compressed data
 * @param sampleRate in Hz, as decoded (48 000 for every Opus file)
 * @param loudnessLufs EBU R128 integrated loudness; empty without ffmpeg or for silence
 * @param peakDbfs sample peak of the decoded audio in dBFS; empty without ffmpeg or for digital silence
 */
public record AudioInfo(AudioFormat format, long durationMs, int bitrateKbps, int sampleRate, int channels,
                        Optional<String> title, Optional<String> artist, Optional<String> album,
                        OptionalInt trackNumber, Optional<String> genre, Optional<Double> loudnessLufs,
                        Optional<Double> peakDbfs) {
}
