package io.tickjournal.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes the JSON files of {@code bench --out} and {@code replay --summary-json} with Jackson, in the
 * layout those files have always had (scripts and {@code --baseline} read them): objects one entry a
 * line, indented two spaces, {@code "key": value}; arrays on one line, {@code [1, 2]}; an empty object
 * as an open brace, a new line and a closing brace at the object's indentation; NaN and infinities as
 * {@code null}; paths as their text. Thread-safe (one immutable writer).
 */
public final class JsonOutput {
    private static final ObjectWriter WRITER = new ObjectMapper()
            .registerModule(new SimpleModule("tickjournal-json")
                    .addSerializer(Double.class, new FiniteOrNull<>())
                    .addSerializer(Float.class, new FiniteOrNull<>())
                    .addSerializer(Path.class, ToStringSerializer.instance))
            .writer(new Layout());

    private JsonOutput() {
    }

    /**
     * The JSON text of a value made of maps (keys written with {@code toString()}), lists, numbers,
     * booleans, strings and {@code null}; no trailing new line.
     */
    public static String write(Object value) {
        try {
            return WRITER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TickjournalException("cannot write JSON: " + e.getOriginalMessage());
        }
    }

    /** Non-finite floating-point values have no JSON number: they are written as {@code null}. */
    private static final class FiniteOrNull<T extends Number> extends JsonSerializer<T> {
        @Override
        public void serialize(T value, JsonGenerator g, SerializerProvider provider) throws IOException {
            double d = value.doubleValue();
            if (!Double.isFinite(d)) {
                g.writeNull();
            } else if (value instanceof Float f) {
                g.writeNumber(f);
            } else {
                g.writeNumber(d);
            }
        }
    }

    /** The pretty printer of the layout above. */
    private static final class Layout extends DefaultPrettyPrinter {
        private static final long serialVersionUID = 1L;

        Layout() {
            super(Separators.createDefaultInstance()
                    .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                    .withArrayValueSpacing(Separators.Spacing.AFTER)
                    .withArrayEmptySeparator(""));
            _objectIndenter = new DefaultIndenter("  ", "\n");
            _arrayIndenter = NopIndenter.instance;
        }

        @Override
        public DefaultPrettyPrinter createInstance() {
            return new Layout();
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            super.writeEndObject(g, Math.max(1, entries)); // an empty object closes on its own line too
        }
    }
}
