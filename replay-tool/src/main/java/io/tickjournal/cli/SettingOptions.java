package io.tickjournal.cli;

import io.tickjournal.config.Setting;
import io.tickjournal.config.SettingTypes;
import io.tickjournal.config.SettingValues;
import io.tickjournal.config.SettingsFile;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed settings as picocli options: one {@code --key LABEL} option per {@link Setting}, its help the setting's,
 * and the values a command was given, from its config file and then its flags (a flag wins over the file).
 */
final class SettingOptions {
    private SettingOptions() {
    }

    /**
     * Adds an option for each of {@code settings} to {@code spec}; for a command's model transformer. A
     * {@link SettingTypes#FLAG} is a flag without a value, a {@link SettingTypes#SWITCH} one with a negative
     * ({@code --no-key}), a {@link SettingTypes#LIST} may be given more than once (the items add up).
     */
    static CommandSpec add(CommandSpec spec, List<Setting<?>> settings) {
        for (Setting<?> s : settings) {
            OptionSpec.Builder option = OptionSpec.builder("--" + s.key()).description(s.help());
            if (s.type() == SettingTypes.FLAG || s.type() == SettingTypes.SWITCH) {
                option.arity("0").type(Boolean.class).negatable(s.type() == SettingTypes.SWITCH);
            } else if (s.type() == SettingTypes.LIST) {
                option.paramLabel(s.label()).hideParamSyntax(true).type(List.class).auxiliaryTypes(String.class)
                        .splitRegex(",");
            } else {
                option.paramLabel(s.label()).type(String.class);
            }
            spec.addOption(option.build());
        }
        return spec;
    }

    /**
     * Fills {@code values} from {@code config} (when not null) and then the flags given to {@code spec}'s
     * command: a flag wins over the file; each value is checked by its setting.
     */
    static SettingValues read(CommandSpec spec, Path config, SettingValues values) {
        List<Setting<?>> settings = values.settings();
        Map<String, String> texts = new LinkedHashMap<>();
        if (config != null) {
            texts.putAll(SettingsFile.read(config, settings.stream().map(Setting::key).toList()));
        }
        for (Setting<?> s : settings) {
            OptionSpec option = spec.findOption("--" + s.key());
            Object flag = option == null ? null : option.getValue();
            if (flag instanceof List<?> items) {
                texts.put(s.key(), String.join(",", items.stream().map(String::valueOf).toList()));
            } else if (flag != null) {
                texts.put(s.key(), flag.toString());
            }
        }
        return values.setAll(texts);
    }
}
