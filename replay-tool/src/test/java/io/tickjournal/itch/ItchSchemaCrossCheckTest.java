package io.tickjournal.itch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tickjournal.export.ItchFields;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every spelling of the ITCH 5.0 layouts checked field by field against the one table,
 * {@link ItchSchema}: the layout classes' constants, {@link ItchMessageType}, {@link ItchEncoder} and
 * the decoders (a message encoded with distinct values in every field, then decoded), the export's
 * {@link ItchFields}, and the Python reader's {@code itch.py} (dumped as JSON by /usr/bin/python3).
 */
class ItchSchemaCrossCheckTest {
    /** Layout constant prefix of each type where it is not {@link ItchMessageType}'s constant name. */
    private static final Map<String, String> LAYOUT_PREFIX = Map.of("DLCR_PRICE_DISCOVERY", "DLCR");
    private static final List<Class<?>> LAYOUTS = List.of(ItchLayout.class, ItchOrderLayout.class,
            ItchTradeLayout.class);

    @Test
    void messageTypesShouldBeTheTablesInOrderWithItsLengthsAndNames() {
        byte[] types = new byte[ItchSchema.MESSAGES.size()];
        for (int i = 0; i < types.length; i++) {
            ItchSchema.Message m = ItchSchema.MESSAGES.get(i);
            types[i] = m.type();
            assertEquals(m.length(), ItchMessageType.length(m.type()), m.name());
            assertEquals(m.name().toUpperCase(), ItchMessageType.name(m.type()));
        }
        assertEquals(Arrays.toString(types), Arrays.toString(ItchMessageType.all()));
        int known = 0;
        for (int b = 0; b < 256; b++) {
            known += ItchMessageType.isKnown((byte) b) ? 1 : 0;
        }
        assertEquals(types.length, known);
    }

    @Test
    void layoutConstantsShouldHoldTheTablesOffsetsAndLengths() throws IllegalAccessException {
        Map<String, Integer> constants = new TreeMap<>();
        for (Class<?> c : LAYOUTS) {
            for (Field f : c.getFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                    constants.put(f.getName(), f.getInt(null));
                }
            }
        }
        List<String> header = List.of("MESSAGE_TYPE_OFFSET", "STOCK_LOCATE_OFFSET", "TRACKING_NUMBER_OFFSET",
                "TIMESTAMP_OFFSET");
        assertEquals(List.of(0, 1, 3, 5), header.stream().map(constants::remove).toList());
        for (ItchSchema.Field f : ItchSchema.HEADER) {
            assertEquals(f.name().equals("timestamp") ? constants.get("TIMESTAMP_LENGTH") : 2, f.length(), f.name());
        }
        assertEquals(11, constants.remove("HEADER_LENGTH"));
        for (String shared : List.of("STOCK_LENGTH", "PRICE_LENGTH", "MPID_LENGTH", "TIMESTAMP_LENGTH")) {
            assertNotNull(constants.remove(shared), shared);
        }
        assertEquals(8, fieldLength("R", "stock"));
        assertEquals(4, fieldLength("A", "price"));
        assertEquals(4, fieldLength("L", "mpid"));

        // Longest prefixes first, so that ADD_ORDER_MPID_* is not taken for ADD_ORDER_*.
        List<ItchSchema.Message> byPrefix = new ArrayList<>(ItchSchema.MESSAGES);
        byPrefix.sort((x, y) -> prefix(y).length() - prefix(x).length());
        Map<String, TreeSet<Integer>> offsets = new TreeMap<>();
        for (ItchSchema.Message m : byPrefix) {
            String p = prefix(m) + "_";
            assertEquals(m.length(), constants.remove(p + "LENGTH"), p + "LENGTH");
            TreeSet<Integer> found = new TreeSet<>();
            for (String name : new ArrayList<>(constants.keySet())) {
                if (name.startsWith(p) && name.endsWith("_OFFSET")) {
                    int offset = constants.remove(name);
                    found.add(offset);
                    String length = name.substring(0, name.length() - "OFFSET".length()) + "LENGTH";
                    if (constants.containsKey(length)) {
                        assertEquals(fieldAt(m, offset).length(), constants.remove(length), length);
                    }
                }
            }
            offsets.put(m.name(), found);
        }
        assertEquals(Map.of(), constants, "layout constants of no message in the table");
        // A field of F (C) shared with A (E) is spelled once, under A's (E's) prefix.
        offsets.get("add_order_mpid").addAll(offsets.get("add_order"));
        offsets.get("order_executed_with_price").addAll(offsets.get("order_executed"));
        for (ItchSchema.Message m : ItchSchema.MESSAGES) {
            TreeSet<Integer> expected = new TreeSet<>();
            m.fields().forEach(f -> expected.add(f.offset()));
            assertEquals(expected, offsets.get(m.name()), "field offsets of " + m.name());
        }
    }

    @Test
    void theEncoderShouldWriteAndTheDecodersReadEveryFieldAtTheTablesOffset() throws ReflectiveOperationException {
        List<String> seen = new ArrayList<>();
        for (Method encode : ItchEncoder.class.getMethods()) {
            if (!Modifier.isStatic(encode.getModifiers()) || encode.getDeclaringClass() != ItchEncoder.class) {
                continue;
            }
            Class<?>[] params = encode.getParameterTypes();
            // (buffer, locate, tracking, timestamp, body fields in message order): learn the type from a dry run
            byte type = typeOf(encode);
            ItchSchema.Message m = ItchSchema.message(type);
            assertNotNull(m, encode.getName() + " writes an unknown type " + (char) type);
            List<ItchSchema.Field> fields = m.fields();
            assertEquals(fields.size(), params.length - 4, encode.getName() + ": one parameter per field");
            ByteBuffer b = ByteBuffer.allocate(64);
            Object[] args = headerArguments(params.length, b);
            for (int i = 0; i < fields.size(); i++) {
                args[4 + i] = argument(fields.get(i), i, params[4 + i], encode.getName());
            }
            assertEquals(m.length(), encode.invoke(null, args), encode.getName() + " returns the spec length");
            assertEquals(m.length(), b.position(), encode.getName() + " writes the spec length");
            for (int i = 0; i < fields.size(); i++) {
                ItchSchema.Field f = fields.get(i);
                assertEquals(rawValue(f, i), read(b.array(), f.offset(), f.length()),
                        m.name() + "." + f.name() + " as encoded at offset " + f.offset());
            }
            checkDecoder(m, b.array(), seen);
        }
        List<String> all = ItchSchema.MESSAGES.stream().map(ItchSchema.Message::name).sorted().toList();
        assertEquals(all, seen.stream().sorted().toList(), "one encoder method and one decoder per type");
    }

    /** Dispatches the message and checks every getter of its decoder returns the value of one field. */
    private static void checkDecoder(ItchSchema.Message m, byte[] message, List<String> seen) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> read = new TreeSet<>();
        ItchListener listener = (ItchListener) Proxy.newProxyInstance(ItchListener.class.getClassLoader(),
                new Class<?>[] {ItchListener.class}, (proxy, method, args) -> {
                    if (method.getDeclaringClass() == Object.class) {
                        return method.getName().equals("equals") ? proxy == args[0] : 0;
                    }
                    ItchMessageDecoder d = (ItchMessageDecoder) args[0];
                    seen.add(m.name());
                    for (Method g : d.getClass().getMethods()) {
                        if (g.getParameterCount() != 0 || g.getDeclaringClass() == ItchMessageDecoder.class
                                || g.getDeclaringClass() == Object.class) {
                            continue;
                        }
                        String field = fieldOf(m, g.invoke(d));
                        if (field == null) {
                            problems.add(g.getName() + "() = " + g.invoke(d) + " is no field's value");
                        } else {
                            read.add(field);
                        }
                    }
                    return null;
                });
        Bytes<byte[]> bytes = Bytes.wrapForRead(Arrays.copyOf(message, m.length()));
        assertEquals(ItchDispatcher.OK, new ItchDispatcher(listener).dispatch(bytes, 0, m.length()), m.name());
        assertEquals(List.of(), problems, m.name());
        TreeSet<String> expected = new TreeSet<>();
        m.fields().forEach(f -> expected.add(f.name()));
        assertEquals(expected, read, "fields of " + m.name() + " read by its decoder's getters");
    }

    @Test
    void theExportsFieldsShouldBeTheTables() {
        for (ItchSchema.Message m : ItchSchema.MESSAGES) {
            assertEquals(m.name(), ItchFields.fileName(m.type()));
            List<String> expected = m.fields().stream().map(f -> f.name() + "@" + f.offset() + "+" + f.length() + ":"
                    + (f.kind() == ItchSchema.Kind.ALPHA ? "ALPHA" : "UNSIGNED")).toList();
            List<String> actual = ItchFields.fields(m.type()).stream().map(f -> f.name() + "@" + f.offset() + "+"
                    + f.size() + ":" + f.kind()).toList();
            assertEquals(expected, actual, "export fields of " + m.name());
        }
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void thePythonReadersLayoutsShouldBeTheTables() throws IOException, InterruptedException {
        Path python = Path.of("..", "src", "python").toAbsolutePath().normalize();
        assertTrue(Files.isRegularFile(python.resolve("tickjournal/itch.py")), python.toString());
        String dump = "import json, tickjournal.itch as i; print(json.dumps({'header': i.HEADER, 'messages': "
                + "{t: [n, l, f] for t, (n, l, f) in i.MESSAGES.items()}, 'lengths': i.LENGTHS}))";
        ProcessBuilder pb = new ProcessBuilder("/usr/bin/python3", "-c", dump).redirectErrorStream(true);
        pb.environment().put("PYTHONPATH", python.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        JsonNode py = new ObjectMapper().readTree(out);

        assertEquals(fields(ItchSchema.HEADER), py.get("header").toString());
        JsonNode messages = py.get("messages");
        assertEquals(ItchSchema.MESSAGES.size(), messages.size());
        for (ItchSchema.Message m : ItchSchema.MESSAGES) {
            JsonNode entry = messages.get(String.valueOf((char) m.type()));
            assertNotNull(entry, "itch.py has no " + (char) m.type());
            assertEquals(m.name(), entry.get(0).asText());
            assertEquals(m.length(), entry.get(1).asInt(), m.name());
            assertEquals(fields(m.fields()), entry.get(2).toString(), "itch.py fields of " + m.name());
        }
        for (int t = 0; t < 256; t++) {
            assertEquals(ItchMessageType.length((byte) t), py.get("lengths").get(t).asInt(), "LENGTHS[" + t + "]");
        }
    }

    /** Fields as the JSON of itch.py's tuples: [[name, offset, length, kind], ...]. */
    private static String fields(List<ItchSchema.Field> fields) {
        StringBuilder sb = new StringBuilder("[");
        for (ItchSchema.Field f : fields) {
            sb.append(sb.length() > 1 ? "," : "").append("[\"").append(f.name()).append("\",").append(f.offset())
                    .append(',').append(f.length()).append(",\"").append(f.kind().code()).append("\"]");
        }
        return sb.append(']').toString();
    }

    private static String prefix(ItchSchema.Message m) {
        String name = m.name().toUpperCase();
        return LAYOUT_PREFIX.getOrDefault(name, name);
    }

    private static int fieldLength(String type, String name) {
        ItchSchema.Message m = ItchSchema.message((byte) type.charAt(0));
        return m.fields().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().length();
    }

    private static ItchSchema.Field fieldAt(ItchSchema.Message m, int offset) {
        return m.fields().stream().filter(f -> f.offset() == offset).findFirst()
                .orElseThrow(() -> new AssertionError(m.name() + " has no field at offset " + offset));
    }

    private static byte typeOf(Method encode) throws ReflectiveOperationException {
        Class<?>[] params = encode.getParameterTypes();
        ByteBuffer b = ByteBuffer.allocate(64);
        Object[] args = headerArguments(params.length, b);
        for (int i = 4; i < params.length; i++) {
            args[i] = params[i] == String.class ? "" : params[i] == byte.class ? (Object) (byte) ' '
                    : params[i] == int.class ? (Object) 0 : (Object) 0L;
        }
        try {
            encode.invoke(null, args);
        } catch (InvocationTargetException e) {
            throw new AssertionError(encode.getName() + ": " + e.getCause(), e.getCause());
        }
        return b.get(0);
    }

    /** Encoder arguments: the buffer and the header (locate, tracking, timestamp), then room for the body. */
    private static Object[] headerArguments(int count, ByteBuffer b) {
        Object[] args = new Object[count];
        args[0] = b;
        args[1] = 0x0102;
        args[2] = 0x0304;
        args[3] = 0x0000_0506_0708_090AL;
        return args;
    }

    /**
     * The i-th field's distinct value: alpha fields the letter 'A' + i repeated, numbers the byte
     * i + 1 repeated (so every field's value differs from every other's).
     */
    private static long rawValue(ItchSchema.Field f, int i) {
        long v = 0;
        int unit = f.kind() == ItchSchema.Kind.ALPHA ? 'A' + i : i + 1;
        for (int k = 0; k < f.length(); k++) {
            v = v << 8 | unit;
        }
        return v;
    }

    private static Object argument(ItchSchema.Field f, int i, Class<?> param, String method) {
        long v = rawValue(f, i);
        if (f.kind() == ItchSchema.Kind.ALPHA) {
            if (param == byte.class) {
                assertEquals(1, f.length(), method + ": a byte parameter for " + f.name());
                return (byte) v;
            }
            assertEquals(String.class, param, method + ": the parameter for " + f.name());
            return String.valueOf((char) ('A' + i)).repeat(f.length());
        }
        if (param == int.class) {
            return (int) v;
        }
        assertEquals(long.class, param, method + ": the parameter for " + f.name());
        return v;
    }

    private static long read(byte[] b, int offset, int length) {
        long v = 0;
        for (int k = 0; k < length; k++) {
            v = v << 8 | (b[offset + k] & 0xFF);
        }
        return v;
    }

    /** The field whose distinct value a getter returned, or null. */
    private static String fieldOf(ItchSchema.Message m, Object value) {
        for (int i = 0; i < m.fields().size(); i++) {
            ItchSchema.Field f = m.fields().get(i);
            long raw = rawValue(f, i);
            boolean match = value instanceof String s
                    ? f.kind() == ItchSchema.Kind.ALPHA && s.equals(String.valueOf((char) ('A' + i)).repeat(f.length()))
                    : value instanceof Number n && n.longValue() == raw;
            if (match) {
                return f.name();
            }
        }
        return null;
    }
}
