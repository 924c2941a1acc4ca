package io.hvx.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VmFormatTest {

    @Test
    void uptimeReadsLikePeopleSayIt() {
        assertThat(VmFormat.uptime(0)).isEqualTo("—");
        assertThat(VmFormat.uptime(42)).isEqualTo("42s");
        assertThat(VmFormat.uptime(125)).isEqualTo("2m 5s");
        assertThat(VmFormat.uptime(3 * 3600 + 7 * 60 + 9)).isEqualTo("3h 7m");
        assertThat(VmFormat.uptime(93784)).isEqualTo("1d 2h 3m");
        Guid id = Guid.random();
        assertThat(VmFormat.uptime(new VirtualMachine(id, "a", "Running", 0, 2, "", 0, 0))).isEqualTo("0s");
        assertThat(VmFormat.uptime(new VirtualMachine(id, "a", "Off", 0, 2, "", 0, 0))).isEqualTo("—");
        assertThat(VmFormat.uptime(new VirtualMachine(id, "a", "Saving", 61, 2, "", 0, 0))).isEqualTo("1m 1s");
    }

    @Test
    void memoryInBinaryUnits() {
        assertThat(VmFormat.memory(0)).isEqualTo("—");
        assertThat(VmFormat.memory(4294967296L)).isEqualTo("4.0 GiB");
        assertThat(VmFormat.memory(512L << 20)).isEqualTo("512 MiB");
        assertThat(VmFormat.memory(1500)).isEqualTo("1 KiB");
        assertThat(VmFormat.generation(0)).isEqualTo("—");
        assertThat(VmFormat.generation(2)).isEqualTo("2");
    }

    @Test
    void statesReadInTheUsersLanguageAndUnknownOnesAsGiven() {
        java.util.Locale before = Messages.locale();
        try {
            Messages.setLocale(java.util.Locale.SIMPLIFIED_CHINESE);
            assertThat(VmFormat.state("Running")).isEqualTo("运行中");
            assertThat(VmFormat.state("Off")).isEqualTo("已关闭");
            assertThat(VmFormat.state("RunningCritical")).isEqualTo("运行中（严重）");
            assertThat(VmFormat.state("Unknown(32790)")).isEqualTo("Unknown(32790)");
            Messages.setLocale(java.util.Locale.ENGLISH);
            assertThat(VmFormat.state("FastSaved")).isEqualTo("Fast saved");
            assertThat(VmFormat.state("running")).isEqualTo("Running");
            assertThat(VmFormat.state("OffCritical")).isEqualTo("Off (critical)");
        } finally {
            Messages.setLocale(before);
        }
    }
}
