package io.assetmanager.coverage;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import javax.sql.DataSource;

/**
 * The application's one {@link CoverageRepository} on the container's datasource (one instance, so the last base
 * counts are shared by every user). Injected as this proxy, it is safe to hold in view-scoped beans.
 */
@ApplicationScoped
public class CoverageService {

    @Resource(name = "jdbc/assetmanager")
    private DataSource dataSource;

    private CoverageRepository queries;

    @PostConstruct
    void create() {
        queries = new CoverageRepository(dataSource);
    }

    public CoverageRepository queries() {
        return queries;
    }
}
