package org.sttplatform.workflows.pipeline.component;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The components pipelines can use: the {@link BuiltInComponents built-in ones} and those of every
 * {@link ComponentProvider} on the classpath. Immutable; the same classpath gives the same registry
 * on every process, which keeps workflow code deterministic.
 */
public final class ComponentRegistry {
  private final Map<String, ComponentSpec> components;
  private final List<ComponentProvider> providers;

  private ComponentRegistry(
      Map<String, ComponentSpec> components, List<ComponentProvider> providers) {
    this.components = Collections.unmodifiableMap(components);
    this.providers = List.copyOf(providers);
  }

  /** The built-in components only. */
  public static ComponentRegistry builtIn() {
    return of(List.of());
  }

  /** The built-in components and those of {@code providers}. */
  public static ComponentRegistry of(List<ComponentProvider> providers) {
    Map<String, ComponentSpec> all = new LinkedHashMap<>();
    for (ComponentSpec spec : BuiltInComponents.all()) {
      all.put(spec.name(), spec);
    }
    for (ComponentProvider provider : providers) {
      for (ComponentSpec spec : provider.components()) {
        ComponentSpec clash = all.putIfAbsent(spec.name(), spec);
        if (clash != null) {
          throw new IllegalStateException(
              "Component '"
                  + spec.name()
                  + "' of "
                  + provider.getClass().getName()
                  + " clashes with one already registered");
        }
      }
    }
    return new ComponentRegistry(all, providers);
  }

  /** The built-in components and those of the providers {@link ServiceLoader} finds. */
  public static ComponentRegistry discover() {
    List<ComponentProvider> found = new ArrayList<>();
    ServiceLoader.load(ComponentProvider.class).forEach(found::add);
    // Sorted by class name: the order does not depend on the classpath's.
    found.sort((a, b) -> a.getClass().getName().compareTo(b.getClass().getName()));
    return of(found);
  }

  /** The component named {@code name}. */
  public Optional<ComponentSpec> find(String name) {
    return Optional.ofNullable(name == null ? null : components.get(name));
  }

  /** Every component, built-in ones first, in registration order. */
  public Collection<ComponentSpec> all() {
    return components.values();
  }

  /** The providers that added components, to register their activities on a worker. */
  public List<ComponentProvider> providers() {
    return providers;
  }
}
