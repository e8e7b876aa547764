package io.tickjournal.config;

import io.tickjournal.TickjournalException;

/**
 * One setting, defined once: its key (the config-file key, and the command-line flag with {@code --} in
 * front), the label of its value in help, its type, its default and its doc. Immutable and thread-safe.
 *
 * @param <T> the type of its value
 */
public final class Setting<T> {
    private final String scope;
    private final String key;
    private final String label;
    private final SettingType<T> type;
    private final String defaultText;
    private final String defaultDoc;
    private final String doc;

    private Setting(String scope, String key, String label, SettingType<T> type, String defaultText,
                    String defaultDoc, String doc) {
        this.scope = scope;
        this.key = key;
        this.label = label;
        this.type = type;
        this.defaultText = defaultText;
        this.defaultDoc = defaultDoc;
        this.doc = doc;
    }

    /**
     * A setting.
     *
     * @param scope       what it configures ("capture"), the first word of its error messages
     * @param key         config-file key and flag name without the dashes ("gap-timeout-ms")
     * @param label       what the value is in help ("MS", "HOST:PORT")
     * @param type        how its text is read
     * @param defaultText the text of its value when it is not given; null when it then has no value
     * @param defaultDoc  what the help and docs say the default is ("2000", "off", "(required)", or "" for
     *                    nothing to say)
     * @param doc         what it does, one sentence without a final full stop
     * @param <T>         the type of its value
     * @return the setting
     */
    public static <T> Setting<T> of(String scope, String key, String label, SettingType<T> type, String defaultText,
                                    String defaultDoc, String doc) {
        return new Setting<>(scope, key, label, type, defaultText, defaultDoc, doc);
    }

    /**
     * A setting without a default: it has no value unless given ({@code defaultDoc} says what that means:
     * "(required)", "off", or "" for nothing to say).
     */
    public static <T> Setting<T> optional(String scope, String key, String label, SettingType<T> type,
                                          String defaultDoc, String doc) {
        return of(scope, key, label, type, null, defaultDoc, doc);
    }

    /** A setting whose documented default is its default text (or "blank" for an empty one). */
    public static <T> Setting<T> of(String scope, String key, String label, SettingType<T> type, String defaultText,
                                    String doc) {
        return of(scope, key, label, type, defaultText, defaultText.isEmpty() ? "blank" : defaultText, doc);
    }

    /** The config-file key, and the flag without its dashes. */
    public String key() {
        return key;
    }

    /** How its text is read (compared with {@link SettingTypes#FLAG} and the like to tell its kind). */
    public SettingType<T> type() {
        return type;
    }

    /** What its value is, for help ("MS"). */
    public String label() {
        return label;
    }

    /** What it does. */
    public String doc() {
        return doc;
    }

    /** What the default is, in words; empty when there is nothing to say. */
    public String defaultDoc() {
        return defaultDoc;
    }

    /** The value {@code text} stands for; a bad one is refused naming this setting, the text and the reason. */
    public T parse(String text) {
        if (text == null) {
            throw invalid("has no value");
        }
        try {
            return type.parse(text.trim());
        } catch (IllegalArgumentException e) {
            throw invalid(e.getMessage() + ", got '" + text + "'");
        }
    }

    /** Its value when it is not given: the default text parsed, or null. */
    public T defaultValue() {
        return defaultText == null ? null : parse(defaultText);
    }

    /** The error for a bad value of this setting: "capture setting 'window-ms': {@code reason}". */
    public TickjournalException invalid(String reason) {
        return new TickjournalException(scope + " setting '" + key + "': " + reason);
    }

    /** Its line of help: the doc and the default ("(required)" as it is). */
    public String help() {
        return defaultDoc.isEmpty() ? doc
                : defaultDoc.startsWith("(") ? doc + " " + defaultDoc : doc + " (default: " + defaultDoc + ")";
    }

    /** Its row of a Markdown table with the columns key, default, meaning. */
    public String markdownRow() {
        return "| `" + key + "` | " + (defaultDoc.isEmpty() ? "" : defaultDoc + " ") + "| " + doc + " |";
    }

    @Override
    public String toString() {
        return scope + " setting '" + key + "'";
    }
}
