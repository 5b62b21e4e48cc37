package io.statfeed.channels.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate made by the JDK's keytool at the first use in a test run (no key is
 * kept in the repository), valid for localhost, 127.0.0.1 and {@value #HOOKS_HOST}: the servers of
 * the tests present it, the clients trust it and nothing else.
 */
public final class TestTls {
    /** A name that exists only through the webhook tests' own resolver. */
    public static final String HOOKS_HOST = "hooks.statfeed.test";
    public static final String PASSWORD = "changeit";
    private static final String ALIAS = "statfeed-test";

    private static TestTls instance;

    private final Path keyStoreFile;
    private final KeyStore keyStore;

    private TestTls(Path keyStoreFile) throws IOException, GeneralSecurityException {
        this.keyStoreFile = keyStoreFile;
        this.keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStoreFile)) {
            keyStore.load(in, PASSWORD.toCharArray());
        }
    }

    public static synchronized TestTls get() {
        if (instance == null) {
            try {
                instance = new TestTls(generate());
            } catch (IOException | GeneralSecurityException e) {
                throw new IllegalStateException("could not make the test certificate", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while making the test certificate", e);
            }
        }
        return instance;
    }

    public Path keyStoreFile() {
        return keyStoreFile;
    }

    /** What a server presents. */
    public SSLContext serverContext() throws GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(keyStore, PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client that trusts this certificate only. */
    public SSLContext clientContext() throws GeneralSecurityException, IOException {
        Certificate certificate = keyStore.getCertificate(ALIAS);
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        trusted.setCertificateEntry(ALIAS, certificate);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    private static Path generate() throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("statfeed-test-tls");
        Path file = dir.resolve("test.p12");
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", ALIAS,
                "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-ext", "SAN=dns:localhost,dns:" + HOOKS_HOST + ",ip:127.0.0.1",
                "-validity", "7", "-storetype", "PKCS12", "-keystore", file.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD))
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IOException("keytool failed: " + output);
        }
        file.toFile().deleteOnExit();
        dir.toFile().deleteOnExit();
        return file;
    }
}
