package org.socialfeed.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Without kubectl the validation fails with a message that says what to do; it is never skipped. */
class KubectlTest {

    @Test
    void missingKubectlFailsWithAClearMessage() {
        String before = System.getProperty("socialfeed.kubectl");
        System.setProperty("socialfeed.kubectl", "/nonexistent/bin/kubectl");
        try {
            assertThatThrownBy(Kubectl::locate)
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("kubectl not found at /nonexistent/bin/kubectl")
                    .hasMessageContaining("cannot run without it");
        } finally {
            if (before == null) {
                System.clearProperty("socialfeed.kubectl");
            } else {
                System.setProperty("socialfeed.kubectl", before);
            }
        }
    }

    @Test
    void kubectlIsInstalledHere() {
        assertThat(Kubectl.locate()).isExecutable();
    }
}
