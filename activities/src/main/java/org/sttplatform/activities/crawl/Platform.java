package org.sttplatform.activities.crawl;

import java.util.Locale;

/** The video platforms the crawler reads. */
public enum Platform {
  DOUYIN("douyin", "Douyin"),
  TIKTOK("tiktok", "TikTok");

  private final String wireName;
  private final String displayName;

  Platform(String wireName, String displayName) {
    this.wireName = wireName;
    this.displayName = displayName;
  }

  /** {@code douyin} or {@code tiktok}: the name in parameters, outputs and the database. */
  public String wireName() {
    return wireName;
  }

  /** The name in messages. */
  public String displayName() {
    return displayName;
  }

  /** The platform named {@code name} (case-insensitive), or {@code null}. */
  public static Platform parse(String name) {
    if (name == null) {
      return null;
    }
    String n = name.strip().toLowerCase(Locale.ROOT);
    for (Platform p : values()) {
      if (p.wireName.equals(n)) {
        return p;
      }
    }
    return null;
  }
}
