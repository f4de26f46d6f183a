package io.assetmanager.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeploymentPropertiesTest {

    private static final String PROPERTY = "assetmanager.qualys.retryBackoffSeconds";

    @AfterEach
    void clear() {
        System.clearProperty(PROPERTY);
    }

    @Test
    void retryPausesHaveDefaultsAndTakeFractionsOfSeconds() {
        assertThat(DeploymentProperties.qualysRetryBackoff()).isEqualTo(Duration.ofSeconds(5));
        assertThat(DeploymentProperties.qualysConcurrencyBackoff()).isEqualTo(Duration.ofSeconds(10));
        System.setProperty(PROPERTY, " 0.2 ");
        assertThat(DeploymentProperties.qualysRetryBackoff()).isEqualTo(Duration.ofMillis(200));
    }

    @Test
    void aValueThatIsNotSecondsIsNamedInTheError() {
        System.setProperty(PROPERTY, "5s");
        assertThatThrownBy(DeploymentProperties::qualysRetryBackoff).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(PROPERTY).hasMessageContaining("\"5s\"");
    }
}
