package org.sttplatform.activities.crawl;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An account's recent posts.
 *
 * @param platform where it is
 * @param accountId the stable id ({@code sec_uid} / {@code secUid})
 * @param handle the handle, or {@code null}
 * @param name the display name, or {@code null}
 * @param posts newest first (a pinned post may come first whatever its age)
 * @param hasMore whether the platform has older posts than those listed
 */
public record AccountPage(
    Platform platform,
    String accountId,
    String handle,
    String name,
    List<CrawledPost> posts,
    boolean hasMore) {

  public AccountPage {
    posts = List.copyOf(posts);
  }

  /** As a JSON object: each post's metadata, without media headers or raw JSON. */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("platform", platform.wireName());
    Map<String, Object> account = new LinkedHashMap<>();
    account.put("id", accountId);
    account.put("handle", handle);
    account.put("name", name);
    m.put("account", account);
    m.put("posts", posts.stream().map(CrawledPost::metadata).toList());
    m.put("count", posts.size());
    m.put("has_more", hasMore);
    return m;
  }
}
