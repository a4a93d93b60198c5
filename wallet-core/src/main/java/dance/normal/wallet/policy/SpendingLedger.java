package dance.normal.wallet.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dance.normal.protocol.Money;
import dance.normal.protocol.files.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The limits and what was spent today, in a small file beside the keystore, so a restart neither forgets the
 * day's spending nor the limits. Written atomically (temp file, fsync, rename).
 */
public final class SpendingLedger {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path file;
    private final Clock clock;
    private final ZoneId zone;
    private SpendingLimits limits;
    private LocalDate day;
    private Money spent;

    public SpendingLedger(Path file, Clock clock, ZoneId zone) {
        this.file = file;
        this.clock = clock;
        this.zone = zone;
        load();
    }

    public synchronized SpendingLimits limits() {
        return limits;
    }

    public synchronized void setLimits(SpendingLimits newLimits) {
        this.limits = newLimits;
        save();
    }

    /** What was spent since local midnight. */
    public synchronized Money spentToday() {
        rollOver();
        return spent;
    }

    /** Adds a signed purchase to today's total. */
    public synchronized void record(Money amount) {
        rollOver();
        spent = spent.plus(amount);
        save();
    }

    private void rollOver() {
        LocalDate today = LocalDate.now(clock.withZone(zone));
        if (!today.equals(day)) {
            day = today;
            spent = Money.ZERO;
        }
    }

    private void load() {
        limits = SpendingLimits.DEFAULT;
        day = LocalDate.now(clock.withZone(zone));
        spent = Money.ZERO;
        if (!Files.exists(file)) {
            return;
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            limits = new SpendingLimits(Money.ofMicros(n.path("perPurchaseMicros").asLong()),
                    Money.ofMicros(n.path("perDayMicros").asLong()));
            LocalDate stored = LocalDate.parse(n.path("day").asText());
            if (stored.equals(day)) {
                spent = Money.ofMicros(n.path("spentMicros").asLong());
            }
        } catch (IOException | RuntimeException e) {
            // A damaged file must not lift the limits: keep the defaults and count today's spending from the
            // highest value we can trust (none), asking for the password sooner rather than later.
            limits = SpendingLimits.DEFAULT;
            spent = SpendingLimits.DEFAULT.perDay();
        }
    }

    private void save() {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", "normal-dance-spending");
        n.put("version", 1);
        n.put("perPurchaseMicros", limits.perPurchase().micros());
        n.put("perDayMicros", limits.perDay().micros());
        n.put("day", day.toString());
        n.put("spentMicros", spent.micros());
        try {
            AtomicFiles.write(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(n));
        } catch (IOException e) {
            throw new UncheckedIOException("The spending record could not be saved", e);
        }
    }
}
