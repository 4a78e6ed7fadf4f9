package io.streamrec.testkit;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one resource per test class in {@code beforeAll} and injects it into constructors, lifecycle methods and
 * tests. The resource lives in the class-level store, so JUnit closes it after the class (in reverse order of
 * start, so a registry stops before its broker), {@code @Nested} classes share their outer class's resource, and a
 * second registration of the same extension finds the running resource instead of starting another.
 */
abstract class ClassResourceExtension<R extends AutoCloseable> implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create("io.streamrec.testkit");

    private final Class<R> type;
    private final String description;

    ClassResourceExtension(Class<R> type, String description) {
        this.type = type;
        this.description = description;
    }

    /** Starts the resource; {@code context} is the test class's context. */
    abstract R start(ExtensionContext context) throws Exception;

    @Override
    public void beforeAll(ExtensionContext context) {
        resource(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == type;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return resource(context);
    }

    /** The class's running resource, started on first use. */
    R resource(ExtensionContext context) {
        ExtensionContext classContext = classLevel(context);
        return classContext.getStore(NAMESPACE).getOrComputeIfAbsent(type, ignored -> startFor(classContext), type);
    }

    private R startFor(ExtensionContext classContext) {
        try {
            return start(classContext);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExtensionConfigurationException("interrupted while starting " + description, e);
        } catch (Exception e) {
            throw new ExtensionConfigurationException("cannot start " + description + " for "
                    + classContext.getDisplayName() + ": " + e.getMessage(), e);
        }
    }

    private static ExtensionContext classLevel(ExtensionContext context) {
        ExtensionContext current = context;
        while (current.getTestMethod().isPresent() && current.getParent().isPresent()) {
            current = current.getParent().get();
        }
        return current;
    }
}
