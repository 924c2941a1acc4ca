package io.hvx.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hvx.core.OperationFailedException;
import io.hvx.core.Problem;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The close rules of {@link NativeStreamSocket}, which both the POSIX and the Winsock socket
 * follow, checked with a socket whose "native" calls are Java: the handle is released only when
 * no call is in flight, and a read blocked with nothing to read ends promptly after a close even
 * when {@code wake()} wakes nothing (Winsock documents no way to wake a blocked {@code recv}
 * short of {@code closesocket}, which is exactly what must not happen under a reader).
 */
@Timeout(60)
class NativeStreamSocketTest {

    static final int WOULD_BLOCK = 10035;

    /**
     * A non-blocking socket modelled on Winsock: recv/send answer "would block" until data or
     * room is there, awaitReady is a select that times out after its slice, wake() does nothing.
     * Every native entry point counts itself in {@link #inFlight}; releaseHandle() records
     * whether any call was inside at that moment.
     */
    static class WinsockLike extends NativeStreamSocket {
        final ReentrantLock lock = new ReentrantLock();
        final Condition readable = lock.newCondition();
        final ByteBuffer incoming = ByteBuffer.allocate(1 << 16).flip();
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger releases = new AtomicInteger();
        final AtomicInteger releasedWhileInFlight = new AtomicInteger();
        final AtomicInteger callsAfterRelease = new AtomicInteger();
        final AtomicLong nativeCalls = new AtomicLong();
        volatile boolean writable = true;
        /** Held by a test to keep a thread inside recv ("the native call") until released. */
        volatile CountDownLatch holdInRecv;
        final CountDownLatch insideRecv = new CountDownLatch(1);
        private static final ThreadLocal<Integer> LAST_ERROR = ThreadLocal.withInitial(() -> 0);

        WinsockLike() {
            super("fake:socket");
        }

        void deliver(byte[] b) {
            lock.lock();
            try {
                incoming.compact().put(b).flip();
                readable.signalAll();
            } finally {
                lock.unlock();
            }
        }

        private void enter() {
            if (releases.get() != 0) {
                callsAfterRelease.incrementAndGet();
            }
            inFlight.incrementAndGet();
            nativeCalls.incrementAndGet();
        }

        private void leave() {
            inFlight.decrementAndGet();
        }

        @Override
        protected long addressOf(ByteBuffer direct) {
            return 0;
        }

        @Override
        protected long recv(long address, int length) {
            enter();
            try {
                insideRecv.countDown();
                CountDownLatch hold = holdInRecv;
                if (hold != null) {
                    hold.await();
                }
                lock.lock();
                try {
                    if (!incoming.hasRemaining()) {
                        LAST_ERROR.set(WOULD_BLOCK);
                        return -1;
                    }
                    int n = Math.min(length, incoming.remaining());
                    incoming.position(incoming.position() + n);
                    return n;
                } finally {
                    lock.unlock();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                LAST_ERROR.set(10004);
                return -1;
            } finally {
                leave();
            }
        }

        @Override
        protected long send(long address, int length) {
            enter();
            try {
                if (!writable) {
                    LAST_ERROR.set(WOULD_BLOCK);
                    return -1;
                }
                return length;
            } finally {
                leave();
            }
        }

        @Override
        protected boolean shutdownSend() {
            enter();
            leave();
            return true;
        }

        @Override
        protected int lastError() {
            return LAST_ERROR.get();
        }

        @Override
        protected void wake() {
            // like WinsockSocket's shutdown(SD_BOTH): a call on the handle, which must not be
            // released under it, though it wakes nothing that blocks here
            enter();
            leave();
        }

        @Override
        protected boolean isWouldBlock(int error) {
            return error == WOULD_BLOCK;
        }

        @Override
        protected int awaitReady(Io io, int sliceMs) {
            enter();
            try {
                lock.lock();
                try {
                    if (io == Io.READ && !incoming.hasRemaining()) {
                        readable.await(sliceMs, TimeUnit.MILLISECONDS); // select's time-out
                    }
                } finally {
                    lock.unlock();
                }
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 10004;
            } finally {
                leave();
            }
        }

        @Override
        protected void releaseHandle() {
            if (inFlight.get() != 0) {
                releasedWhileInFlight.incrementAndGet();
            }
            releases.incrementAndGet();
        }

        @Override
        protected boolean isSendAfterShutdown(int error) {
            return false;
        }

        @Override
        protected String ioDetail(Io io, int error) {
            return io + " error " + error;
        }

        @Override
        protected OperationFailedException ioFailure(Io io, int error) {
            return new OperationFailedException(Problem.of("net.error.system", "fake", io.name(), String.valueOf(error)),
                    ioDetail(io, error));
        }
    }

    @Test
    void aReadBlockedWithNothingToReadEndsPromptlyAfterCloseThoughWakeWakesNothing() throws Exception {
        WinsockLike s = new WinsockLike();
        var reader = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var result = reader.submit(() -> s.read(ByteBuffer.allocate(16)));
            assertThat(s.insideRecv.await(10, TimeUnit.SECONDS)).isTrue();
            // the reader now loops: recv says would-block, a select slice, recv again…
            long callsBefore = s.nativeCalls.get();
            awaitCondition(() -> s.nativeCalls.get() > callsBefore + 2, "the reader to be waiting in slices");
            assertThat(result).isNotDone();

            long t0 = System.nanoTime();
            s.close();
            assertThatThrownBy(() -> get(result)).isInstanceOf(OperationFailedException.class)
                    .hasMessageContaining("closed");
            long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            // one slice is 50 ms; the bound only guards against "never" on a loaded machine
            assertThat(ms).as("ms from close to the end of the read").isLessThan(10_000);
            assertThat(s.releases.get()).isEqualTo(1);
            assertThat(s.releasedWhileInFlight.get()).isZero();
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void closeDuringANativeCallLeavesTheHandleToTheLastCallOut() throws Exception {
        WinsockLike s = new WinsockLike();
        s.holdInRecv = new CountDownLatch(1);
        s.deliver("hello".getBytes());
        var reader = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var result = reader.submit(() -> s.read(ByteBuffer.allocate(16)));
            assertThat(s.insideRecv.await(10, TimeUnit.SECONDS)).isTrue();

            s.close();
            assertThat(s.isClosed()).isTrue();
            assertThat(s.inFlight.get()).as("the reader is still inside recv").isEqualTo(1);
            assertThat(s.releases.get()).as("released under a call in flight").isZero();

            s.holdInRecv.countDown();
            // the recv that was under way completes; its bytes are the reader's, then it leaves
            assertThat(get(result)).isEqualTo(5);
            awaitCondition(() -> s.releases.get() == 1, "the last call out to release the handle");
            assertThat(s.releasedWhileInFlight.get()).isZero();
            assertThatThrownBy(() -> s.read(ByteBuffer.allocate(16))).hasMessageContaining("closed");
            assertThat(s.releases.get()).isEqualTo(1);
        } finally {
            reader.shutdownNow();
        }
    }

    @Test
    void aWriteWaitingForRoomEndsPromptlyAfterClose() throws Exception {
        WinsockLike s = new WinsockLike();
        s.writable = false;
        var writer = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var result = writer.submit(() -> s.write(ByteBuffer.wrap(new byte[100])));
            long callsBefore = s.nativeCalls.get();
            awaitCondition(() -> s.nativeCalls.get() > callsBefore + 2, "the writer to be waiting in slices");
            s.close();
            assertThatThrownBy(() -> get(result)).hasMessageContaining("closed");
            assertThat(s.releases.get()).isEqualTo(1);
            assertThat(s.releasedWhileInFlight.get()).isZero();
        } finally {
            writer.shutdownNow();
        }
    }

    @Test
    void dataThatArrivesWhileAReadWaitsIsRead() throws Exception {
        WinsockLike s = new WinsockLike();
        var reader = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            ByteBuffer dst = ByteBuffer.allocate(16);
            var result = reader.submit(() -> s.read(dst));
            assertThat(s.insideRecv.await(10, TimeUnit.SECONDS)).isTrue();
            s.deliver("abc".getBytes());
            assertThat(get(result)).isEqualTo(3); // the fake counts bytes; it does not copy them
            assertThat(dst.position()).isEqualTo(3);
            assertThat(s.releases.get()).isZero();
        } finally {
            reader.shutdownNow();
            s.close();
        }
        assertThat(s.releases.get()).isEqualTo(1);
    }

    @Test
    void manyReadersWritersAndClosersNeverSeeTheHandleReleasedUnderThem() throws Exception {
        List<WinsockLike> sockets = new ArrayList<>();
        for (int round = 0; round < 200; round++) {
            WinsockLike s = new WinsockLike();
            sockets.add(s);
            CountDownLatch started = new CountDownLatch(3);
            List<Thread> threads = new ArrayList<>();
            threads.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                ignoreClosed(() -> {
                    ByteBuffer b = ByteBuffer.allocate(8);
                    while (true) {
                        b.clear();
                        s.read(b);
                    }
                });
            }));
            threads.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                ignoreClosed(() -> {
                    while (true) {
                        s.write(ByteBuffer.wrap(new byte[4]));
                        s.deliver(new byte[] {1});
                    }
                });
            }));
            threads.add(Thread.ofPlatform().start(() -> {
                started.countDown();
                ignoreClosed(() -> {
                    while (true) {
                        s.shutdownOutput();
                    }
                });
            }));
            started.await();
            s.close();
            for (Thread t : threads) {
                t.join(TimeUnit.SECONDS.toMillis(30));
                assertThat(t.isAlive()).as("a thread still running after close").isFalse();
            }
        }
        assertThat(sockets).allSatisfy(s -> {
            assertThat(s.releases.get()).isEqualTo(1);
            assertThat(s.releasedWhileInFlight.get()).isZero();
            assertThat(s.callsAfterRelease.get()).isZero();
            assertThat(s.inFlight.get()).isZero();
        });
    }

    private static void ignoreClosed(Runnable body) {
        try {
            body.run();
        } catch (OperationFailedException e) {
            assertThat(e.problem().key()).isEqualTo("net.error.closed");
        }
    }

    private static <T> T get(java.util.concurrent.Future<T> f) throws Exception {
        try {
            return f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception ex ? ex : e;
        }
    }

    private static void awaitCondition(java.util.function.BooleanSupplier c, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!c.getAsBoolean()) {
            assertThat(System.nanoTime()).as("waiting for " + what).isLessThan(deadline);
            Thread.onSpinWait();
            Thread.yield();
        }
    }
}
