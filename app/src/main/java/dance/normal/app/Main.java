package dance.normal.app;

import javafx.application.Application;

/**
 * Starts the desktop app. A class that extends {@code Application} cannot be the main class on the classpath
 * ("JavaFX runtime components are missing"), so this one launches it.
 *
 * <p>Options: {@code --server URL} (default http://127.0.0.1:7878 or ND_SERVER), {@code --data-dir DIR}.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        Application.launch(NormalDanceApp.class, args);
    }
}
