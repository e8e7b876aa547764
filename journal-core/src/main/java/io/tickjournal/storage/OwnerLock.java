package io.tickjournal.storage;

import io.tickjournal.TickjournalException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The exclusive owner of a journal or state directory: an OS file lock ({@link FileChannel#tryLock()})
 * on {@code DIR/tickjournal.lock}, which names the holder's pid and command line.
 *
 * <p>Writers (import, capture, replay into a state directory, retention; demo and bench on their work
 * directories) take it before they create,
 * delete or truncate anything in the directory; a second writer is refused at once with one line
 * naming the directory and the holder. The kernel releases the lock when the holding process dies,
 * so a kill -9 never leaves a stale lock; the file itself stays (deleting it would let two processes
 * lock two different files). Readers never take it and never block on it.
 *
 * <p>Thread: acquire and close from any one thread; one lock per directory per process.
 */
public final class OwnerLock implements AutoCloseable {
    /** The lock file's name in the owned directory. */
    public static final String FILE = "tickjournal.lock";

    private final Path dir;
    private final FileChannel channel;
    private final FileLock lock;

    private OwnerLock(Path dir, FileChannel channel, FileLock lock) {
        this.dir = dir;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Takes ownership of {@code dir} (created if absent, with its parents), or fails with a
     * {@link TickjournalException} (exit 2): held by another process (its pid and command named),
     * a read-only file system, a path that is not a directory, permission denied.
     *
     * @param what the directory's role in the message, e.g. "journal" or "state directory"
     */
    public static OwnerLock acquire(Path dir, String what) {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new TickjournalException(dir + ": not a directory (the " + what + " must be a directory)");
        }
        Path file = dir.resolve(FILE);
        FileChannel channel;
        try {
            Files.createDirectories(dir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new TickjournalException(dir + ": cannot write the " + what + ": " + reason(e), e);
        }
        FileLock lock;
        try {
            lock = channel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null; // this very process holds it already
        } catch (IOException e) {
            close(channel);
            throw new TickjournalException(dir + ": cannot lock the " + what + ": " + reason(e), e);
        }
        if (lock == null) {
            String holder = holder(channel);
            close(channel);
            throw new TickjournalException(dir + ": the " + what + " is in use by " + holder
                    + "; one writer at a time (readers need no lock)");
        }
        try {
            byte[] text = (describe(ProcessHandle.current().pid()) + "\n").getBytes(StandardCharsets.UTF_8);
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(text), 0);
            channel.force(false);
        } catch (IOException e) {
            // The lock holds without the note; a refused process then says "an unnamed process".
        }
        return new OwnerLock(dir, channel, lock);
    }

    /** The owned directory. */
    public Path dir() {
        return dir;
    }

    /** Releases the lock (the lock file stays). */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // the channel's close below releases it too
        }
        close(channel);
    }

    /** "pid N (COMMAND)" for this process: the launcher's jar path or main class shortened to "tickjournal". */
    static String describe(long pid) {
        String command = System.getProperty("sun.java.command", "java");
        int space = command.indexOf(' ');
        String main = space < 0 ? command : command.substring(0, space);
        if (main.endsWith(".jar") || main.endsWith(".TickjournalCommand")) {
            command = "tickjournal" + (space < 0 ? "" : command.substring(space));
        }
        return "pid " + pid + " (" + command + ")";
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer b = ByteBuffer.allocate(4096);
            channel.read(b, 0);
            String text = new String(b.array(), 0, b.position(), StandardCharsets.UTF_8).trim();
            return text.isEmpty() ? "another process (not yet named in its lock file)" : text;
        } catch (IOException e) {
            return "another process";
        }
    }

    private static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // nothing held
        }
    }
}
