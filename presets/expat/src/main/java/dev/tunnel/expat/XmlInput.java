package dev.tunnel.expat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.bytedeco.javacpp.BytePointer;

/**
 * A document's bytes, read a chunk at a time into expat's own buffer (XML_GetBuffer), so that no
 * input is ever held whole; a direct {@link ByteBuffer} is instead parsed where it lies.
 */
abstract class XmlInput implements AutoCloseable {
    private final String name;

    XmlInput(String name) {
        this.name = name;
    }

    /** The document's name in error messages. */
    final String name() {
        return name;
    }

    /** Reads up to {@code into.remaining()} bytes into {@code into}; -1 at the end. */
    abstract int read(ByteBuffer into) throws IOException;

    /**
     * The whole document if it lies in native memory, from its first byte (JavaCPP passes a
     * pointer's address plus its position), up to its limit; null otherwise.
     */
    BytePointer direct() {
        return null;
    }

    @Override
    public void close() throws IOException {
    }

    static XmlInput of(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        return new XmlInput(file.toString()) {
            @Override
            int read(ByteBuffer into) throws IOException {
                return channel.read(into);
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    static XmlInput of(InputStream in, String name) {
        return new XmlInput(name) {
            private final byte[] chunk = new byte[16 * 1024];

            @Override
            int read(ByteBuffer into) throws IOException {
                int n = in.read(chunk, 0, Math.min(chunk.length, into.remaining()));
                if (n > 0) {
                    into.put(chunk, 0, n);
                }
                return n;
            }
        };
    }

    static XmlInput of(ByteBuffer bytes, String name) {
        ByteBuffer view = bytes.duplicate();
        return new XmlInput(name) {
            @Override
            int read(ByteBuffer into) {
                if (!view.hasRemaining()) {
                    return -1;
                }
                int n = Math.min(view.remaining(), into.remaining());
                ByteBuffer part = view.slice();
                part.limit(n);
                into.put(part);
                view.position(view.position() + n);
                return n;
            }

            @Override
            BytePointer direct() {
                return view.isDirect() ? new BytePointer(view) : null;
            }
        };
    }
}
