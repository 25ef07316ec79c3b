package org.socialfeed.post;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.socialfeed.testing.PackageCycles;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

class PackageStructureTest {

    @Test
    void packagesDependOnEachOtherOneWayOnly() {
        PackageCycles.assertNoneUnder("org.socialfeed.post");
    }

    @Test
    void onlyTheRestPackageSpeaksHttp() {
        noClasses().that().resideOutsideOfPackage("org.socialfeed.post.rest..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("org.socialfeed.post"));
    }
}
