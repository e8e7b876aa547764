/**
 * Typed settings defined once: a {@link io.tickjournal.config.Setting} carries its name (the config-file
 * key and the {@code --flag}), its type, default and doc; {@link io.tickjournal.config.SettingValues} holds
 * the values an application was given (from a flat YAML file read by
 * {@link io.tickjournal.config.SettingsFile}, then from flags, the flag winning), parsed when they are set
 * so that a bad value is refused naming its setting. The help text, the file's keys and the docs' tables
 * are all rendered from the same definitions.
 */
package io.tickjournal.config;
