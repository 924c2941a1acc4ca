package io.hvx.net.windows;

import static org.assertj.core.api.Assertions.assertThat;

import io.hvx.core.Messages;
import io.hvx.core.Problem;
import io.hvx.net.windows.WinsockErrors.Op;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The Winsock error table, checked on any OS. */
class WinsockErrorsTest {

    /** Every code of hvsocket-facts.md §1.9. */
    static final List<Integer> FACTS_CODES = List.of(10013, 10048, 10061, 10060, 10051, 10065, 1225, 1201,
            10050, 10047, 10058, 10057, 10054, 10053, 10035, 10022, 10093);

    @Test
    void everyCodeOfTheReferenceHasASentenceInBothLanguages() throws Exception {
        Properties en = load("/i18n/net.properties");
        Properties zh = load("/i18n/net_zh_CN.properties");
        for (int code : FACTS_CODES) {
            assertThat(WinsockErrors.entry(code)).as("code %d", code).isPresent();
            String key = WinsockErrors.problem(Op.CONNECT, code, "x", 1000).key();
            assertThat(en).as("en %s", key).containsKey(key);
            assertThat(zh).as("zh %s", key).containsKey(key);
        }
    }

    @Test
    void accessDeniedMeansUnregisteredServiceOnBindAndPermissionsOnConnect() {
        assertThat(WinsockErrors.problem(Op.BIND, 10013, "x", 0).key()).isEqualTo("net.winsock.accessBind");
        assertThat(WinsockErrors.problem(Op.LISTEN, 10013, "x", 0).key()).isEqualTo("net.winsock.accessBind");
        assertThat(WinsockErrors.problem(Op.CONNECT, 10013, "x", 0).key()).isEqualTo("net.winsock.accessConnect");
    }

    @Test
    void connectFailuresNameVmOffNobodyListeningOrWrongService() {
        Messages.setLocale(Locale.US);
        Problem timeout = WinsockErrors.problem(Op.CONNECT, 10060, "demo/svc", 5000);
        assertThat(timeout.message()).contains("demo/svc").contains("5000 ms").contains("off").contains("service ID");
        assertThat(WinsockErrors.problem(Op.CONNECT, 10061, "a", 0).message()).contains("nothing listens");
        assertThat(WinsockErrors.problem(Op.CONNECT, 10051, "a", 0).message()).contains("the VM is off");
        assertThat(WinsockErrors.problem(Op.SOCKET, 10047, "a", 0).message()).contains("no Hyper-V socket provider");
        assertThat(WinsockErrors.problem(Op.CONNECT, 1225, "a", 0)).isEqualTo(WinsockErrors.problem(Op.CONNECT, 10061, "a", 0));
    }

    @Test
    void unknownCodesStillGiveASentenceWithTheNumber() {
        Messages.setLocale(Locale.US);
        assertThat(WinsockErrors.problem(Op.READ, 12345, "a", 0).message()).contains("error 12345");
        assertThat(WinsockErrors.detail(Op.CONNECT, 10061, "hvsocket:v/s"))
                .isEqualTo("connect hvsocket:v/s: Winsock error 10061 WSAECONNREFUSED");
    }

    private static Properties load(String res) throws Exception {
        Properties p = new Properties();
        try (var in = WinsockErrorsTest.class.getResourceAsStream(res);
             var r = new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
