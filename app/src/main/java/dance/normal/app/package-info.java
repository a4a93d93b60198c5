/**
 * The JavaFX client, packaged by feature ({@code onboarding}, {@code shell}, {@code search}, ...). Each screen is a
 * Controller (the only class that calls services), a Model (properties only) and a View (binds to the model and
 * calls the controller's {@code on*} handlers). No file, database, network or crypto work runs on the FX thread:
 * {@link dance.normal.app.ui.Background} runs it on virtual threads and hands results back.
 */
package dance.normal.app;
