package io.tickjournal.cli;

import io.tickjournal.generate.ItchDayGenerator;
import io.tickjournal.itch.ItchEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * A short hash of the day generator's code, so that {@code bench} keys its cached day file by the
 * generator that wrote it: a day made by an older generator (the one before 2026-12-05 crossed
 * 495 of 500 books) is never measured again by mistake. It hashes the class files' bytes (not
 * their jar timestamps) of the generator's package and of the ITCH encoder it writes with, so a
 * rebuild of unchanged sources keeps the key and any change to the generator's code changes it.
 *
 * <p>Called once per bench run on the main thread; reads a few dozen KB.
 */
final class GeneratorFingerprint {
    private static final String PACKAGE_DIR = ItchDayGenerator.class.getPackageName().replace('.', '/') + "/";
    /** Hex digits kept: 32 bits tell generator builds apart well enough for a cache key. */
    private static final int HEX_DIGITS = 8;

    private GeneratorFingerprint() {
    }

    /**
     * The generator's fingerprint as {@value #HEX_DIGITS} hex digits, or "unknown" when its class
     * files cannot be read (a class loader without a code source).
     */
    static String of() {
        try {
            TreeMap<String, byte[]> classes = generatorClasses();
            String encoder = ItchEncoder.class.getName().replace('.', '/') + ".class";
            try (InputStream in = ItchEncoder.class.getClassLoader().getResourceAsStream(encoder)) {
                if (in == null || classes.isEmpty()) {
                    return "unknown";
                }
                classes.put(encoder, in.readAllBytes());
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            classes.forEach((name, bytes) -> {
                sha.update(name.getBytes(StandardCharsets.UTF_8));
                sha.update(bytes);
            });
            return HexFormat.of().formatHex(sha.digest()).substring(0, HEX_DIGITS);
        } catch (IOException | URISyntaxException | NoSuchAlgorithmException | SecurityException e) {
            return "unknown";
        }
    }

    /** The class files of the generator's package, by name, from its jar or classes directory. */
    private static TreeMap<String, byte[]> generatorClasses() throws IOException, URISyntaxException {
        TreeMap<String, byte[]> classes = new TreeMap<>();
        CodeSource source = ItchDayGenerator.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return classes;
        }
        Path location = Path.of(source.getLocation().toURI());
        if (Files.isDirectory(location)) {
            Path dir = location.resolve(PACKAGE_DIR);
            List<Path> files = new ArrayList<>();
            try (Stream<Path> s = Files.list(dir)) {
                s.filter(f -> f.toString().endsWith(".class")).forEach(files::add);
            }
            for (Path f : files) {
                classes.put(PACKAGE_DIR + f.getFileName(), Files.readAllBytes(f));
            }
            return classes;
        }
        try (JarFile jar = new JarFile(location.toFile())) {
            Enumeration<JarEntry> entries = jar.entries();
            while (entries.hasMoreElements()) {
                JarEntry e = entries.nextElement();
                String name = e.getName();
                boolean inPackage = name.startsWith(PACKAGE_DIR) && name.indexOf('/', PACKAGE_DIR.length()) < 0;
                if (inPackage && name.endsWith(".class")) {
                    try (InputStream in = jar.getInputStream(e)) {
                        classes.put(name, in.readAllBytes());
                    }
                }
            }
        }
        return classes;
    }
}
