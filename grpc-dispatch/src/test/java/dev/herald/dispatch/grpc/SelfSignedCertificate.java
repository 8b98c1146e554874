package dev.herald.dispatch.grpc;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate for 127.0.0.1 and localhost and its private key, as PEM files: made by
 * the JDK's own {@code keytool}, since the JDK has no public API to sign a certificate.
 */
record SelfSignedCertificate(Path certificate, Path privateKey) {

  private static final String PASSWORD = "changeit";

  /** Generates a fresh key pair and certificate named {@code name} into {@code dir}. */
  static SelfSignedCertificate generate(Path dir, String name) throws Exception {
    Path store = dir.resolve(name + ".p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                name,
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=" + name,
                "-ext",
                "san=ip:127.0.0.1,dns:localhost",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                PASSWORD)
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
      throw new IllegalStateException("keytool failed: " + output);
    }
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD.toCharArray());
    }
    Path certificate = dir.resolve(name + ".pem");
    Path privateKey = dir.resolve(name + ".key");
    Files.writeString(certificate, pem("CERTIFICATE", keyStore.getCertificate(name).getEncoded()));
    Files.writeString(
        privateKey, pem("PRIVATE KEY", keyStore.getKey(name, PASSWORD.toCharArray()).getEncoded()));
    return new SelfSignedCertificate(certificate, privateKey);
  }

  private static String pem(String type, byte[] der) {
    String base64 =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n";
  }
}
