/**
 * The Studio's wire records: an artist's own tracks (drafts and published), releases, quality reports, offering
 * previews and earnings. Paths are under {@code /api/v1/studio/} (and tus uploads at {@code /api/v1/uploads}); every
 * route needs an artist's session and only ever shows that artist's own things.
 */
package dance.normal.protocol.studio;
