package org.sttplatform.api.web;

import org.apache.catalina.Host;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Makes Tomcat's error report the JSON envelope ({@link JsonErrorReportValve}). Boot adds a plain
 * {@link ErrorReportValve} to the host (to hide stack traces); it is removed, and the host is told
 * to create the JSON one in its place when it starts. Runs after Boot's own customizer, whose
 * context customizer adds that valve.
 */
@Component
class TomcatErrorReports
    implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

  @Override
  public void customize(TomcatServletWebServerFactory factory) {
    factory.addContextCustomizers(
        context -> {
          if (context.getParent() instanceof Host host) {
            for (Valve valve : host.getPipeline().getValves()) {
              if (valve.getClass() == ErrorReportValve.class) {
                host.getPipeline().removeValve(valve);
              }
            }
            if (host instanceof StandardHost standard) {
              standard.setErrorReportValveClass(JsonErrorReportValve.class.getName());
            }
          }
        });
  }

  @Override
  public int getOrder() {
    return Ordered.LOWEST_PRECEDENCE;
  }
}
