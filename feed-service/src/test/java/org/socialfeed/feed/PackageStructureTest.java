package org.socialfeed.feed;

import org.junit.jupiter.api.Test;
import org.socialfeed.testing.PackageCycles;

class PackageStructureTest {

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        PackageCycles.assertNoneUnder("org.socialfeed.feed");
    }
}
