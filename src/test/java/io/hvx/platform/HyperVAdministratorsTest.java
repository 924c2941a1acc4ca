package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** Off Windows there is no such group: the answer is "unknown", never a guess. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "HyperVAdministratorsIT checks the real answer on Windows")
class HyperVAdministratorsTest {

    @Test
    void offWindowsMembershipIsUnknown() {
        assertThat(HyperVAdministrators.isMember()).isEmpty();
        assertThat(HyperVAdministrators.SID).isEqualTo("S-1-5-32-578");
    }
}
