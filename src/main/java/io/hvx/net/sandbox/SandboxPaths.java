package io.hvx.net.sandbox;

import io.hvx.core.Guid;
import io.hvx.core.HvEndpoint;
import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * Where a sandbox endpoint lives: the Unix socket path for a (VM ID, service ID) pair.
 *
 * <pre>
 *   &lt;root&gt;/&lt;vm&gt;/&lt;service&gt;
 *   root    = &lt;sandboxDir&gt;/ep                       (normally)
 *           = &lt;runtime&gt;/hvx-&lt;hash&gt;                  (when the sandbox dir is too long)
 *   vm, service = the GUID's 16 bytes in string (RFC 4122) order, base32 (RFC 4648
 *                 alphabet, lowercase, no padding): always 26 characters
 * </pre>
 *
 * Both IDs together take 54 bytes, so any pair fits the 107 usable bytes of
 * {@code sockaddr_un} whenever the root is at most 53 bytes. When the sandbox directory is
 * deeper than that, the root moves to {@code $XDG_RUNTIME_DIR} (or {@code /tmp}) under
 * {@code hvx-} and the first 16 base32 characters of SHA-256(user name + NUL + sandbox dir), so
 * every sandbox directory still gets its own, stable socket tree. {@code hvx sandbox path VM
 * SERVICE} prints the result, so external programs never need to compute it.
 */
public final class SandboxPaths {

    /** Longest root for which every endpoint path fits in sockaddr_un (107 bytes + NUL). */
    public static final int MAX_ROOT_BYTES = 107 - 2 * 27;

    private static final char[] BASE32 = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();

    private final Path root;

    public SandboxPaths(Path root) {
        this.root = root;
    }

    /** The paths for a sandbox directory, with the process's environment and user. */
    public static SandboxPaths forSandbox(Path sandboxDir) {
        return forSandbox(sandboxDir, System.getenv(), System.getProperty("user.name", ""));
    }

    static SandboxPaths forSandbox(Path sandboxDir, Map<String, String> env, String user) {
        Path normal = sandboxDir.toAbsolutePath().normalize().resolve("ep");
        if (bytes(normal) <= MAX_ROOT_BYTES) {
            return new SandboxPaths(normal);
        }
        String leaf = "hvx-" + hash(user + '\0' + sandboxDir.toAbsolutePath().normalize());
        String runtime = env.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank() && Path.of(runtime).isAbsolute()) {
            Path p = Path.of(runtime).resolve(leaf);
            if (bytes(p) <= MAX_ROOT_BYTES) {
                return new SandboxPaths(p);
            }
        }
        return new SandboxPaths(Path.of("/tmp").resolve(leaf));
    }

    /** The directory holding every endpoint socket. */
    public Path root() {
        return root;
    }

    /** The directory holding a VM's endpoints. */
    public Path vmDir(Guid vm) {
        return root.resolve(base32(vm));
    }

    /** The socket path of an endpoint. */
    public Path path(Guid vm, Guid service) {
        return vmDir(vm).resolve(base32(service));
    }

    public Path path(HvEndpoint endpoint) {
        return path(endpoint.vmId(), endpoint.serviceId());
    }

    /**
     * Creates the directory an endpoint's socket goes in (its VM's directory), so a program
     * outside hvx can bind the path at once.
     *
     * @throws OperationFailedException when it cannot be created, naming the directory
     */
    public static void createParent(Path endpoint) {
        try {
            Files.createDirectories(endpoint.getParent());
        } catch (IOException e) {
            throw new OperationFailedException(Problem.of("net.sandbox.dir", endpoint.getParent().toString()),
                    e.toString(), e);
        }
    }

    /** Whether this root had to move out of the sandbox directory. */
    public boolean isFallback(Path sandboxDir) {
        return !root.startsWith(sandboxDir.toAbsolutePath().normalize());
    }

    /** 26 lowercase base32 characters for the GUID's bytes in string order. */
    public static String base32(Guid g) {
        byte[] b = g.toRfc4122Bytes();
        StringBuilder sb = new StringBuilder(26);
        int buffer = 0;
        int bits = 0;
        for (byte x : b) {
            buffer = (buffer << 8) | (x & 0xff);
            bits += 8;
            while (bits >= 5) {
                sb.append(BASE32[(buffer >>> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            sb.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return sb.toString();
    }

    static int bytes(Path p) {
        return p.toString().getBytes(StandardCharsets.UTF_8).length;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return base32(Guid.fromRfc4122Bytes(d, 0)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
