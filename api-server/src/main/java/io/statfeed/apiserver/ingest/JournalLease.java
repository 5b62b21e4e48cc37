package io.statfeed.apiserver.ingest;

import io.statfeed.core.storage.JournalLeaseStore;
import io.statfeed.core.storage.JournalLeaseStore.Holder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's claim on a journal's identity (see {@link JournalLeaseStore}): taken at start,
 * renewed while the process runs, given back at a clean stop. The journal folder keeps the
 * generation the claim wrote, so a copy of the folder that ran elsewhere since is recognised.
 */
final class JournalLease implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JournalLease.class);
    /** A process that stops renewing (killed, or its machine lost) holds its identity this long. */
    static final Duration TERM = Duration.ofSeconds(20);
    private static final Duration RENEW_EVERY = Duration.ofSeconds(5);
    private static final String GENERATION_FILE = "generation";
    private static final String NEXT_GENERATION_FILE = "generation.next";
    /** Claims held by this JVM: a claim by this pid that is not here is a previous life of it. */
    private static final Set<String> HELD_HERE = ConcurrentHashMap.newKeySet();
    private static final String HOST = lookUpMachine();

    private final JournalLeaseStore store;
    private final Clock clock;
    private final String nodeId;
    private final Holder holder;
    private final String generation;
    private final ScheduledExecutorService renewer;
    private volatile boolean lost;

    private JournalLease(JournalLeaseStore store, Clock clock, String nodeId, Holder holder, String generation) {
        this.store = store;
        this.clock = clock;
        this.nodeId = nodeId;
        this.holder = holder;
        this.generation = generation;
        this.renewer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "statfeed-journal-lease");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Claims the identity of the journal in {@code dir} for this process.
     *
     * @throws JournalLeaseStore.RefusedException when another process runs it, or a copy of the folder ran since
     */
    static JournalLease claim(Path dir, String nodeId, JournalLeaseStore store, Clock clock) {
        Holder holder = new Holder(UUID.randomUUID().toString(), HOST, ProcessHandle.current().pid(),
                dir.toAbsolutePath().getParent().toString());
        Set<String> folderGenerations = new HashSet<>();
        read(dir.resolve(GENERATION_FILE)).ifPresent(folderGenerations::add);
        read(dir.resolve(NEXT_GENERATION_FILE)).ifPresent(folderGenerations::add);
        String next = UUID.randomUUID().toString();
        // Written before storage takes it, so whichever moment a crash comes, the folder knows the
        // generation storage has.
        write(dir, NEXT_GENERATION_FILE, next);
        long now = clock.millis();
        store.claim(nodeId, holder, folderGenerations, next, now, now + TERM.toMillis(), JournalLease::isGone);
        write(dir, GENERATION_FILE, next);
        deleteQuietly(dir.resolve(NEXT_GENERATION_FILE));
        HELD_HERE.add(holder.token());
        JournalLease lease = new JournalLease(store, clock, nodeId, holder, next);
        lease.renewer.scheduleWithFixedDelay(lease::renew, RENEW_EVERY.toMillis(), RENEW_EVERY.toMillis(),
                TimeUnit.MILLISECONDS);
        return lease;
    }

    /** A claim that has not run out belongs to a process that is gone, as far as this machine can tell. */
    private static boolean isGone(Holder other) {
        if (!other.host().equals(HOST)) {
            return false; // another machine's process: only its claim running out tells
        }
        if (other.pid() == ProcessHandle.current().pid()) {
            return !HELD_HERE.contains(other.token());
        }
        return ProcessHandle.of(other.pid()).map(process -> !process.isAlive()).orElse(true);
    }

    String nodeId() {
        return nodeId;
    }

    /** The generation a flush must carry to write this journal's checkpoint. */
    String generation() {
        return generation;
    }

    String holderToken() {
        return holder.token();
    }

    /** Another process claimed the identity while this one could not renew: it must take nothing more. */
    boolean lost() {
        return lost;
    }

    void markLost() {
        if (!lost) {
            lost = true;
            log.error("another api-server has claimed the journal identity {}: this one takes no more data; "
                    + "stop it and start it with an empty STATFEED_DATA_DIR", nodeId);
        }
    }

    private void renew() {
        try {
            if (!store.renew(nodeId, holder.token(), clock.millis() + TERM.toMillis())) {
                log.error("the journal lease {} is no longer this process's: storage holds {}", nodeId,
                        store.find(nodeId).map(lease -> "a claim by pid " + lease.holder().pid() + " on "
                                + lease.holder().host() + " with data folder " + lease.holder().dataDir())
                                .orElse("no claim at all"));
                markLost();
            }
        } catch (RuntimeException e) {
            // Storage is down: the journal takes the data meanwhile; the claim is renewed once it is back.
            log.debug("renewing the journal lease failed: {}", e.toString());
        }
    }

    /** Stops renewing and gives the identity back, so this folder may start again at once. */
    @Override
    public void close() {
        renewer.shutdownNow();
        HELD_HERE.remove(holder.token());
        try {
            store.release(nodeId, holder.token());
        } catch (RuntimeException e) {
            log.warn("could not give back the journal lease; a restart of this folder waits up to {} s for it: {}",
                    TERM.toSeconds(), e.toString());
        }
    }

    /** Another api-server has written this journal to storage: the identity may never run again. */
    void closeAsAdoptedBy(String adopter) {
        renewer.shutdownNow();
        HELD_HERE.remove(holder.token());
        store.markAdopted(nodeId, holder.token(), adopter);
    }

    /**
     * This machine, as a claim names it: the host name, and where the system has one, its machine
     * id, since two machines may share a name ("localhost", a copied image) and a claim made on
     * another machine must never be taken for one of this machine's dead processes.
     */
    private static String lookUpMachine() {
        String name;
        try {
            name = InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            name = "unknown-host";
        }
        try {
            Path machineId = Path.of("/etc/machine-id");
            String id = Files.isReadable(machineId) ? Files.readString(machineId, StandardCharsets.UTF_8).strip() : "";
            return id.isEmpty() ? name : name + " (machine " + id.substring(0, Math.min(12, id.length())) + ")";
        } catch (IOException e) {
            return name;
        }
    }

    private static Optional<String> read(Path file) {
        try {
            if (!Files.exists(file)) {
                return Optional.empty();
            }
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void write(Path dir, String name, String text) {
        Path temp = dir.resolve(name + ".tmp");
        try {
            Files.writeString(temp, text, StandardCharsets.UTF_8);
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            Files.move(temp, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dir.resolve(name), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.debug("could not delete {}: {}", file, e.toString());
        }
    }
}
