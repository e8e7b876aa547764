package io.tickjournal.config;

import io.tickjournal.TickjournalException;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The values one application was given for its settings, typed: each is parsed when it is set (a bad one is
 * refused at once, naming its setting), and read back with {@link #get}, which falls back to the setting's
 * default. Set the file's values first and the flags' after them: the last one set wins. Not thread-safe;
 * fill it on one thread, then hand it over.
 */
public final class SettingValues {
    private final String scope;
    private final Map<String, Setting<?>> byKey = new LinkedHashMap<>();
    private final Map<Setting<?>, Object> values = new HashMap<>();

    /**
     * Values for {@code settings}.
     *
     * @param scope    what they configure ("capture"), for the message about an unknown key
     * @param settings every setting a value may be given for, in the order of help and docs
     */
    public SettingValues(String scope, List<Setting<?>> settings) {
        this.scope = scope;
        for (Setting<?> s : settings) {
            if (byKey.put(s.key(), s) != null) {
                throw new IllegalArgumentException("two settings named '" + s.key() + "'");
            }
        }
    }

    /** Every setting, in order. */
    public List<Setting<?>> settings() {
        return Collections.unmodifiableList(new ArrayList<>(byKey.values()));
    }

    /** The setting named {@code key}, or null. */
    public Setting<?> setting(String key) {
        return byKey.get(key);
    }

    /** Sets the setting named {@code key} from its text; an unknown key or a bad value is refused naming it. */
    public SettingValues set(String key, String text) {
        Setting<?> s = byKey.get(key);
        if (s == null) {
            throw new TickjournalException("unknown " + scope + " setting '" + key + "'");
        }
        values.put(s, s.parse(text));
        return this;
    }

    /** Sets every key of {@code texts} (a config file's, in file order). */
    public SettingValues setAll(Map<String, String> texts) {
        texts.forEach(this::set);
        return this;
    }

    /** Sets {@code setting} to {@code value} (already typed; null for none). */
    public <T> SettingValues put(Setting<T> setting, T value) {
        known(setting);
        values.put(setting, value);
        return this;
    }

    /** The value of {@code setting}: as set, else its default (null when it has none). */
    @SuppressWarnings("unchecked")
    public <T> T get(Setting<T> setting) {
        known(setting);
        return values.containsKey(setting) ? (T) values.get(setting) : setting.defaultValue();
    }

    /** The value of {@code setting}, which must have one: refused naming it when it was not given. */
    public <T> T required(Setting<T> setting) {
        T value = get(setting);
        if (value == null) {
            throw setting.invalid("is required (as a flag or in the config file)");
        }
        return value;
    }

    private void known(Setting<?> setting) {
        if (byKey.get(setting.key()) != setting) {
            throw new IllegalArgumentException(setting + " is not one of these settings");
        }
    }
}
