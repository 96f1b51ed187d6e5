package org.sttplatform.api.temporal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.sttplatform.api.store.TaskPriority;

class PriorityKeysTest {

  @Test
  void embeddedKeysOrderByBandThenIdAndStayPositive() {
    long lastInBand = PriorityKeys.BAND - 1;
    int highLast = PriorityKeys.embedded(TaskPriority.HIGH, lastInBand);
    int normalFirst = PriorityKeys.embedded(TaskPriority.NORMAL, 1);
    int normalLast = PriorityKeys.embedded(TaskPriority.NORMAL, lastInBand);
    int lowFirst = PriorityKeys.embedded(TaskPriority.LOW, 1);
    int lowLast = PriorityKeys.embedded(TaskPriority.LOW, lastInBand);

    assertThat(highLast).isLessThan(normalFirst);
    assertThat(normalFirst).isLessThan(normalLast);
    assertThat(normalLast).isLessThan(lowFirst);
    assertThat(lowFirst).isLessThan(lowLast).isPositive();
    assertThat(PriorityKeys.embedded(TaskPriority.LOW, PriorityKeys.BAND + 7))
        .as("ids wrap within their band")
        .isEqualTo(PriorityKeys.embedded(TaskPriority.LOW, 7));
  }
}
