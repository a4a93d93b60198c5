package dance.normal.app.track;

import dance.normal.sync.library.LocalPlaylist;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The chosen track, its offering, and where a purchase of its tokens stands. */
final class TrackPanelModel {

    final StringProperty title = new SimpleStringProperty("");
    final StringProperty artist = new SimpleStringProperty("");
    final StringProperty release = new SimpleStringProperty("");
    final BooleanProperty liked = new SimpleBooleanProperty(false);
    /** "12 of 100 sold · $0.25 each · holders get 20% of the artist's share", or why there is nothing to buy. */
    final StringProperty offering = new SimpleStringProperty("");
    final BooleanProperty buyable = new SimpleBooleanProperty(false);
    /** How many tokens to quote, from 1 to {@link #maxQuantity}. */
    final IntegerProperty quantity = new SimpleIntegerProperty(1);
    /** The most one purchase may take: what is left, within the per-buyer cap. */
    final IntegerProperty maxQuantity = new SimpleIntegerProperty(1);
    /** The listener's playlists, offered to add the track to (read when the menu opens). */
    final ObservableList<LocalPlaylist> playlists = FXCollections.observableArrayList();
    /** Why the account password is asked before buying (over the spending limit); empty when it is not asked. */
    final StringProperty passwordReason = new SimpleStringProperty("");
    /** What the listener pays and gets, in words, once quoted. */
    final StringProperty quote = new SimpleStringProperty("");
    /** The exact text the wallet signs, shown before confirming. */
    final StringProperty preview = new SimpleStringProperty("");
    final BooleanProperty confirming = new SimpleBooleanProperty(false);
    final BooleanProperty working = new SimpleBooleanProperty(false);
    final StringProperty result = new SimpleStringProperty("");
    final StringProperty error = new SimpleStringProperty("");
    /** Your tokens of this track and what they earned, or empty when you hold none. */
    final StringProperty holding = new SimpleStringProperty("");
    /** Whether the track is kept on this device (or on its way). */
    final BooleanProperty downloaded = new SimpleBooleanProperty(false);
    /** Where its download stands, in words, or empty. */
    final StringProperty download = new SimpleStringProperty("");
}
