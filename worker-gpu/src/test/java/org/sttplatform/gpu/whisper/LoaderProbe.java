package org.sttplatform.gpu.whisper;

/** Run in a child JVM by {@link WhisperLibraryLoaderTest}: loads whisper.cpp and reports. */
public final class LoaderProbe {

  private LoaderProbe() {}

  public static void main(String[] args) {
    try {
      WhisperNative lib = WhisperLibraryLoader.load();
      System.out.println("LOADED from=" + WhisperLibraryLoader.loadedFrom());
      System.out.println("LANGS=" + (lib.whisper_lang_max_id() + 1));
    } catch (Throwable t) {
      System.out.println("FAILED " + t.getClass().getSimpleName() + ": " + t.getMessage());
    }
  }
}
