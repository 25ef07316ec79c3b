package org.socialfeed.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Keeps a service's packages a map a newcomer can read: dependencies between its top-level packages point one way
 * (a package and its subpackages count as one), so no two packages need each other to be understood.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /** Fails, naming the cycles, if any two top-level packages under {@code root} depend on each other. */
    public static void assertNoneUnder(String root) {
        JavaClasses classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        slices().matching(root + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
