package io.assetmanager.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class DemoModeTest {

    private static Properties demo(String url) {
        Properties p = new Properties();
        p.setProperty(DemoMode.FLAG, "true");
        p.setProperty(DemoMode.URL, url);
        p.setProperty(DemoMode.USER, "sim_user");
        p.setProperty(DemoMode.PASSWORD, "sim-Passw0rd!");
        p.setProperty(DemoMode.PLAIN_HTTP, "true");
        return p;
    }

    @Test
    void offUnlessTheFlagIsExactlyTrue() {
        assertThat(DemoMode.from(new Properties())).isEmpty();
        Properties p = demo("http://127.0.0.1:8089");
        p.setProperty(DemoMode.FLAG, "yes");
        assertThat(DemoMode.from(p)).isEmpty();
    }

    @Test
    void onWithASimulatorOnLoopback() {
        DemoMode mode = DemoMode.from(demo("http://127.0.0.1:8089")).orElseThrow();
        assertThat(mode.simulator()).isEqualTo(URI.create("http://127.0.0.1:8089"));
        assertThat(mode.username()).isEqualTo("sim_user");
        assertThat(mode.sampleHosts()).isEqualTo(4000);
        assertThat(DemoMode.from(demo("http://[::1]:8089"))).isPresent();
        assertThat(DemoMode.from(demo("http://localhost:8089"))).isPresent();
    }

    @Test
    void refusesAnythingThatCouldReachARealQualys() {
        for (String url : new String[] {"https://qualysapi.qg2.apps.qualys.com", "http://qualysapi.qualys.com",
                "http://10.0.0.5:8089", "http://127.0.0.1.example.com:8089", "ftp://127.0.0.1", "not a url"}) {
            assertThatThrownBy(() -> DemoMode.from(demo(url))).as(url).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("assetmanager.demo.qualysUrl");
        }
    }

    @Test
    void namesWhatIsMissing() {
        Properties noPlainHttp = demo("http://127.0.0.1:8089");
        noPlainHttp.remove(DemoMode.PLAIN_HTTP);
        assertThatThrownBy(() -> DemoMode.from(noPlainHttp)).hasMessageContaining("assetmanager.qualys.allowPlainHttp");
        Properties noUser = demo("http://127.0.0.1:8089");
        noUser.remove(DemoMode.USER);
        assertThatThrownBy(() -> DemoMode.from(noUser)).hasMessageContaining("assetmanager.demo.qualysUser is not set");
        Properties badHosts = demo("http://127.0.0.1:8089");
        badHosts.setProperty(DemoMode.HOSTS, "9000");
        assertThatThrownBy(() -> DemoMode.from(badHosts)).hasMessageContaining("outside 1 to 5000");
    }
}
