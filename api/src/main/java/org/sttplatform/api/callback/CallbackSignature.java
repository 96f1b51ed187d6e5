package org.sttplatform.api.callback;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-STT-Signature} header of callbacks: {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of
 * "<t>.<raw body>">} with the key {@code STT_CALLBACK_SECRET} (its UTF-8 bytes). The timestamp is
 * part of what is signed, so a receiver can refuse old deliveries replayed later.
 */
public final class CallbackSignature {
  /** The header's name. */
  public static final String HEADER = "X-STT-Signature";

  private CallbackSignature() {}

  /** The header value for {@code body} sent at {@code unixSeconds}. */
  public static String sign(String secret, long unixSeconds, byte[] body) {
    return "t=" + unixSeconds + ",v1=" + HexFormat.of().formatHex(mac(secret, unixSeconds, body));
  }

  /**
   * Whether {@code header} is a valid signature of {@code body} with {@code secret} (any timestamp;
   * compared in constant time).
   */
  public static boolean verify(String secret, String header, byte[] body) {
    Long t = null;
    byte[] given = null;
    if (header == null) {
      return false;
    }
    for (String part : header.split(",")) {
      String p = part.strip();
      try {
        if (p.startsWith("t=")) {
          t = Long.parseLong(p.substring(2));
        } else if (p.startsWith("v1=")) {
          given = HexFormat.of().parseHex(p.substring(3));
        }
      } catch (IllegalArgumentException malformed) {
        return false;
      }
    }
    return t != null && given != null && MessageDigest.isEqual(mac(secret, t, body), given);
  }

  /** The {@code t} of {@code header}, or {@code null}. */
  public static Long timestamp(String header) {
    if (header == null) {
      return null;
    }
    for (String part : header.split(",")) {
      String p = part.strip();
      if (p.startsWith("t=")) {
        try {
          return Long.parseLong(p.substring(2));
        } catch (NumberFormatException e) {
          return null;
        }
      }
    }
    return null;
  }

  private static byte[] mac(String secret, long unixSeconds, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      mac.update((unixSeconds + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }
}
