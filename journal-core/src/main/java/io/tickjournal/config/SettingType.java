package io.tickjournal.config;

/**
 * How the text of a setting is read: parses it into the value, or throws an
 * {@link IllegalArgumentException} whose message says what was expected ("must be a whole number from 0 to
 * 65535"); {@link Setting#parse} adds the setting's name and the text given.
 *
 * @param <T> the type of the value
 */
@FunctionalInterface
public interface SettingType<T> {
    /** The value {@code text} (trimmed, never null) stands for; thread-safe, no state. */
    T parse(String text);
}
