package dance.normal.app;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import javafx.animation.AnimationTimer;
import javafx.animation.PauseTransition;
import javafx.application.Platform;
import javafx.scene.control.ListView;
import javafx.scene.control.skin.VirtualFlow;
import javafx.util.Duration;

/**
 * With {@code -Dnd.benchScroll=true} (the desktop benchmark), scrolls the Library's track list once it shows the
 * whole library (and 8 s more, so the first sync's refresh of the Library has come and gone) and prints how long
 * each frame took: a steady fling (6,000 px/s, like a flicked wheel) and a jump to
 * a random row every frame (dragging the scroll bar's thumb), first with every row, then, as the yardstick in the
 * same window, with only the first 1,000 rows. Each line: {@code nd-scroll rows=N phase=P frames=F p50=… p95=…
 * p99=… max=… slow=S cpu=C} (milliseconds; slow counts frames over 33 ms, i.e. a dropped frame at 60 Hz; cpu is the
 * process's CPU time during the phase). Then {@code nd-scroll done}, and the list is as it was.
 */
public final class ScrollProbe {

    private static final boolean ON = Boolean.getBoolean("nd.benchScroll");
    private static final int SMALL = 1_000;
    private static final long PHASE_NANOS = 3_000_000_000L;
    private static final double FLING_PX_PER_S = 6_000;
    private static final int ROUNDS = 2;
    private static boolean started;

    private final ListView<?> list;
    private final List<Object> all;
    private final List<Runnable> steps = new ArrayList<>();
    private final SplittableRandom random = new SplittableRandom(7);

    private ScrollProbe(ListView<?> list) {
        this.list = list;
        this.all = List.copyOf(list.getItems());
    }

    /** On the FX thread, when the Library shows its rows: starts the probe once, if it is on. */
    public static void libraryShown(ListView<?> list) {
        if (!ON || started || list.getItems().size() <= SMALL) {
            return;
        }
        started = true;
        PauseTransition settle = new PauseTransition(Duration.seconds(8));
        settle.setOnFinished(e -> new ScrollProbe(list).run());
        settle.play();
    }

    private void run() {
        for (int round = 0; round < ROUNDS; round++) {
            for (boolean small : new boolean[] {false, true}) {
                steps.add(() -> rows(small ? all.subList(0, SMALL) : all));
                steps.add(() -> phase("fling"));
                steps.add(() -> phase("jump"));
            }
        }
        steps.add(() -> {
            rows(all);
            list.scrollTo(0);
            System.out.println("nd-scroll done");
            System.out.flush();
        });
        next();
    }

    @SuppressWarnings("unchecked")
    private void rows(List<Object> rows) {
        ((ListView<Object>) list).getItems().setAll(rows);
        list.scrollTo(0);
        Platform.runLater(this::next);
    }

    private void next() {
        if (!steps.isEmpty()) {
            steps.removeFirst().run();
        }
    }

    private void phase(String name) {
        VirtualFlow<?> flow = (VirtualFlow<?>) list.lookup(".virtual-flow");
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int rows = list.getItems().size();
        new AnimationTimer() {
            private final long[] frames = new long[2_000];
            private int count;
            private long first;
            private long last;
            private long cpuBefore;

            @Override
            public void handle(long now) {
                if (first == 0) {
                    first = now;
                    last = now;
                    cpuBefore = os.getProcessCpuTime();
                    return;
                }
                if (count < frames.length) {
                    frames[count++] = now - last;
                }
                if (name.equals("fling")) {
                    if (flow.getLastVisibleCell() != null && flow.getLastVisibleCell().getIndex() >= rows - 1) {
                        list.scrollTo(0);
                    } else {
                        flow.scrollPixels(FLING_PX_PER_S * (now - last) / 1e9);
                    }
                } else {
                    list.scrollTo(random.nextInt(rows));
                }
                last = now;
                if (now - first >= PHASE_NANOS) {
                    stop();
                    report(rows, name, Arrays.copyOf(frames, count), os.getProcessCpuTime() - cpuBefore);
                    Platform.runLater(ScrollProbe.this::next);
                }
            }
        }.start();
    }

    private static void report(int rows, String phase, long[] frames, long cpuNanos) {
        Arrays.sort(frames);
        long slow = Arrays.stream(frames).filter(f -> f > 33_000_000L).count();
        System.out.printf("nd-scroll rows=%d phase=%s frames=%d p50=%.1f p95=%.1f p99=%.1f max=%.1f slow=%d cpu=%d%n",
                rows, phase, frames.length, ms(frames, 0.50), ms(frames, 0.95), ms(frames, 0.99),
                frames[frames.length - 1] / 1e6, slow, cpuNanos / 1_000_000);
        System.out.flush();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[Math.min(sorted.length - 1, (int) Math.ceil(quantile * sorted.length) - 1)] / 1e6;
    }
}
