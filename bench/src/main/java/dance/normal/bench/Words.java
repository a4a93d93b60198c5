package dance.normal.bench;

import java.util.List;
import java.util.random.RandomGenerator;

/** Word lists for plausible titles, names and search queries. Lower-case here; names are capitalised on use. */
final class Words {

    private Words() {
    }

    static final List<String> ADJECTIVES = List.of(
            "blue", "golden", "silent", "electric", "broken", "velvet", "wild", "lonely", "bright", "hollow",
            "crimson", "gentle", "midnight", "burning", "frozen", "secret", "distant", "restless", "silver", "quiet",
            "endless", "sweet", "bitter", "faded", "neon", "savage", "tender", "wicked", "lucky", "heavy",
            "little", "northern", "southern", "early", "late", "lost", "hidden", "sacred", "falling", "rising",
            "easy", "hungry", "painted", "paper", "glass", "stone", "iron", "cosmic", "lunar", "solar",
            "tropical", "urban", "rural", "dusty", "rainy", "sunny", "stormy", "misty", "starry", "cloudy",
            "crystal", "emerald", "scarlet", "violet", "amber", "ivory", "ebony", "copper", "marble", "wooden",
            "dancing", "dreaming", "drifting", "fading", "flying", "glowing", "howling", "humming", "running",
            "shining", "sleeping", "smiling", "spinning", "waiting", "wandering", "whispering", "young", "ancient",
            "modern", "perfect", "strange", "simple", "common", "rare", "brave", "shy", "proud", "humble",
            "careless", "fearless", "hopeless", "timeless", "weightless", "restful", "peaceful", "radiant", "vivid",
            "mellow", "sonic", "analog", "digital", "magnetic", "atomic", "static", "dynamic", "tidal", "coastal");

    static final List<String> NOUNS = List.of(
            "heart", "river", "night", "city", "dream", "fire", "ocean", "shadow", "light", "road",
            "summer", "winter", "autumn", "spring", "morning", "evening", "moon", "sun", "star", "sky",
            "rain", "storm", "thunder", "lightning", "wind", "mountain", "valley", "forest", "desert", "island",
            "garden", "window", "mirror", "door", "house", "street", "bridge", "tower", "castle", "harbor",
            "train", "station", "highway", "engine", "radio", "signal", "echo", "voice", "song", "melody",
            "rhythm", "drum", "guitar", "piano", "violin", "trumpet", "choir", "chorus", "anthem", "ballad",
            "letter", "promise", "secret", "memory", "story", "reason", "season", "horizon", "paradise", "kingdom",
            "empire", "revolution", "rebellion", "freedom", "silence", "noise", "static", "wave", "tide", "current",
            "flower", "rose", "lily", "orchid", "willow", "cedar", "maple", "pine", "oak", "birch",
            "wolf", "fox", "raven", "crow", "eagle", "hawk", "tiger", "lion", "horse", "deer",
            "angel", "ghost", "stranger", "lover", "soldier", "sailor", "dancer", "dreamer", "drifter", "runner",
            "diamond", "pearl", "gold", "silver", "velvet", "satin", "leather", "lace", "smoke", "ashes",
            "candle", "lantern", "compass", "anchor", "arrow", "crown", "key", "lock", "chain", "wheel",
            "planet", "galaxy", "comet", "orbit", "satellite", "rocket", "universe", "nebula", "eclipse", "aurora",
            "coffee", "whiskey", "honey", "sugar", "cherry", "lemon", "peach", "apple", "berry", "wine",
            "sunday", "monday", "friday", "tonight", "tomorrow", "yesterday", "forever", "midnight", "sunrise",
            "sunset");

    static final List<String> VERBS = List.of(
            "running", "falling", "dancing", "burning", "waiting", "breaking", "calling", "chasing", "coming",
            "crying", "dreaming", "driving", "fading", "fighting", "flying", "holding", "leaving", "losing",
            "moving", "rising", "shining", "singing", "sleeping", "talking", "walking", "watching", "turning");

    static final List<String> GENRES = List.of(
            "rock", "pop", "jazz", "blues", "folk", "country", "electronic", "house", "techno", "ambient",
            "classical", "hip hop", "soul", "funk", "reggae", "metal", "punk", "indie", "disco", "synthwave",
            "lofi", "trance", "drum and bass", "dubstep", "gospel", "latin", "bossa nova", "afrobeat", "rnb",
            "singer songwriter", "shoegaze", "post rock", "grunge", "ska", "swing", "bluegrass", "chillout",
            "downtempo", "trip hop", "world");

    static final List<String> FIRST_NAMES = List.of(
            "anna", "maria", "elena", "sofia", "lucia", "emma", "olivia", "mia", "ella", "nora",
            "ingrid", "astrid", "freya", "sigrid", "helena", "clara", "julia", "laura", "sara", "nina",
            "amara", "zara", "leila", "yasmin", "aisha", "fatima", "mei", "yuki", "hana", "sakura",
            "priya", "ananya", "kavya", "lena", "mila", "ivy", "ruby", "grace", "alice", "rose",
            "james", "john", "robert", "michael", "david", "daniel", "thomas", "oliver", "lucas", "leo",
            "hugo", "felix", "oscar", "max", "elias", "noah", "liam", "ethan", "mateo", "diego",
            "carlos", "miguel", "pablo", "marco", "luca", "paolo", "giovanni", "pierre", "louis", "jules",
            "kenji", "hiro", "takeshi", "jin", "wei", "arjun", "ravi", "omar", "karim", "tariq",
            "kwame", "kofi", "tunde", "chidi", "sam", "alex", "jordan", "casey", "morgan", "riley",
            "finn", "otto", "erik", "lars", "sven", "nils", "jonas", "emil", "viktor", "anton",
            "isaac", "jacob", "caleb", "miles", "jasper", "silas", "arthur", "henry", "walter", "frank");

    static final List<String> LAST_NAMES = List.of(
            "smith", "johnson", "williams", "brown", "jones", "garcia", "miller", "davis", "rodriguez", "martinez",
            "hernandez", "lopez", "gonzalez", "wilson", "anderson", "thomas", "taylor", "moore", "jackson", "martin",
            "lee", "perez", "thompson", "white", "harris", "sanchez", "clark", "ramirez", "lewis", "robinson",
            "walker", "young", "allen", "king", "wright", "scott", "torres", "nguyen", "hill", "flores",
            "green", "adams", "nelson", "baker", "hall", "rivera", "campbell", "mitchell", "carter", "roberts",
            "lindqvist", "andersson", "johansson", "karlsson", "nilsson", "eriksson", "larsson", "olsen", "hansen",
            "jensen", "muller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "schulz",
            "rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo", "ricci", "marino", "greco",
            "dubois", "moreau", "laurent", "simon", "michel", "lefebvre", "leroy", "roux", "david", "bertrand",
            "tanaka", "suzuki", "takahashi", "watanabe", "ito", "yamamoto", "nakamura", "kobayashi", "kato",
            "chen", "wang", "zhang", "liu", "yang", "huang", "zhao", "wu", "zhou", "xu",
            "patel", "sharma", "singh", "kumar", "gupta", "mensah", "okafor", "adeyemi", "diallo", "traore",
            "novak", "horvat", "kowalski", "nowak", "wisniewski", "petrov", "ivanov", "popescu", "silva", "santos",
            "oliveira", "souza", "costa", "pereira", "ferreira", "almeida", "nakamoto", "okonkwo", "haddad",
            "khalil", "nasser", "moreno", "castillo", "vargas", "ortiz", "delgado", "vega", "reyes", "cruz");

    static String pick(RandomGenerator r, List<String> words) {
        return words.get(r.nextInt(words.size()));
    }

    /** "midnight river" → "Midnight River". */
    static String capitalise(String text) {
        StringBuilder b = new StringBuilder(text.length());
        boolean start = true;
        for (char c : text.toCharArray()) {
            b.append(start ? Character.toUpperCase(c) : c);
            start = c == ' ';
        }
        return b.toString();
    }
}
