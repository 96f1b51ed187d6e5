package org.sttplatform.workflows.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AudioConversionTest {
  private static final AudioConversion.ParamNames NAMES = AudioConversion.ParamNames.COMPONENT;

  private static AudioConversion of(String format, Integer rate, Integer channels, Integer bits) {
    return AudioConversion.of(format, rate, channels, bits, 22050, 2, NAMES);
  }

  @Test
  void absentValuesTakeTheDefaults() {
    assertThat(of(null, null, null, null))
        .isEqualTo(new AudioConversion(AudioFormat.WAV, 22050, 2, 16));
    assertThat(of("FLAC", null, 1, null))
        .isEqualTo(new AudioConversion(AudioFormat.FLAC, 22050, 1, 16));
    assertThat(of("mp3", null, null, null))
        .isEqualTo(new AudioConversion(AudioFormat.MP3, 22050, 2, null));
    // Opus has no 22050: the next higher rate it has.
    assertThat(of("opus", null, null, null).sampleRate()).isEqualTo(24000);
    assertThat(AudioConversion.of("opus", null, null, null, 96000, 1, NAMES).sampleRate())
        .isEqualTo(48000);
  }

  @Test
  void whisperAudioIsTheComponentDefault() {
    AudioConversion c = AudioConversion.of(null, null, null, null, 16000, 1, NAMES);
    assertThat(c).isEqualTo(AudioConversion.WHISPER);
    assertThat(c.isWhisperAudio()).isTrue();
    assertThat(of("wav", 16000, 1, 24).isWhisperAudio()).isFalse();
  }

  @Test
  void readsTheOriginalsBitDepthInBytes() {
    assertThat(of("wav", 16000, 1, 2).bitDepth()).isEqualTo(16);
    assertThat(of("wav", 16000, 1, 3).bitDepth()).isEqualTo(24);
    assertThat(of("wav", 16000, 1, 4).bitDepth()).isEqualTo(32);
    assertThatThrownBy(() -> of("flac", 16000, 1, 4))
        .hasMessage("Invalid value '4' for parameter 'bit_depth'; flac allows 16, 24");
  }

  @Test
  void refusalsNameTheParameterAndTheAllowedValues() {
    assertThatThrownBy(() -> of("opus", 44100, 1, null))
        .hasMessage(
            "Invalid value '44100' for parameter 'sample_rate'; opus allows 8000, 12000, 16000,"
                + " 24000, 48000");
    assertThatThrownBy(() -> of("mp3", 96000, 1, null))
        .hasMessageContaining(
            "mp3 allows 8000, 11025, 12000, 16000, 22050, 24000, 32000, 44100," + " 48000");
    assertThatThrownBy(() -> of("m4a", 16000, 1, 16))
        .hasMessage(
            "Parameter 'bit_depth' does not apply to m4a (its codec has no bit depth); it applies"
                + " to wav (16, 24, 32) and flac (16, 24)");
    assertThatThrownBy(() -> of("wav", 16000, 0, null))
        .hasMessage("Invalid value '0' for parameter 'channels'; allowed: 1, 2");
    assertThatThrownBy(() -> of("ogg", null, null, null))
        .hasMessage(
            "Invalid value 'ogg' for parameter 'format'; allowed: wav, mp3, flac, opus, m4a");
  }
}
