package dev.tunnel.result;

import dev.tunnel.result.export.ExportFailure;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the exports log while a test runs: attaches to the {@code dev.tunnel.result} logger
 * (System.Logger goes to java.util.logging here) and keeps every record.
 *
 * <pre>{@code
 * try (LogRecords logs = LogRecords.capture()) {
 *     CResultLibrary.CFreeResult(0);
 *     assertEquals(1, logs.records().size());
 * }
 * }</pre>
 */
final class LogRecords extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(ExportFailure.LOGGER); // held: JUL keeps loggers weakly
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecords() {
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    static LogRecords capture() {
        return new LogRecords();
    }

    List<LogRecord> records() {
        return records;
    }

    @Override
    public void publish(LogRecord record) {
        records.add(record);
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
