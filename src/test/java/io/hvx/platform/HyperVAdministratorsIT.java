package io.hvx.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/** CheckTokenMembership through JNA on a real Windows: it answers, and elevation is consistent with it. */
@EnabledOnOs(value = OS.WINDOWS, disabledReason = "token groups and CheckTokenMembership exist only on Windows")
class HyperVAdministratorsIT {

    @Test
    void membershipOfHyperVAdministratorsCanBeReadForThisProcess() {
        var member = HyperVAdministrators.isMember();
        System.out.println("HVSOCK-FACT 8.3 Hyper-V Administrators (S-1-5-32-578) enabled in this token: "
                + member.map(String::valueOf).orElse("unknown") + "; elevated: " + Elevation.isElevated());
        assertThat(member).as("CheckTokenMembership answered").isPresent();
    }
}
