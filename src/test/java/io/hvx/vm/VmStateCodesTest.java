package io.hvx.vm;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VmStateCodesTest {

    @ParameterizedTest
    @CsvSource({"2,Running", "3,Off", "4,Stopping", "6,Saved", "9,Paused", "10,Starting", "32773,Saving",
            "32776,Pausing", "32777,Resuming", "32782,ForceReboot", "32783,Unknown(32783)", "0,Unknown(0)",
            "-5,Unknown(-5)"})
    void namesTheVersionStableCodesOnly(int code, String name) {
        assertThat(VmStateCodes.name(code)).isEqualTo(name);
    }
}
