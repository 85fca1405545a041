import { Entity } from '@backstage/catalog-model';
import { EntityRefLink } from '@backstage/plugin-catalog-react';
import { Link } from '@backstage/core-components';
import Typography from '@mui/material/Typography';
import { useAiPlatformLinks } from '../shared/links';
import { serverCluster } from './entityHelpers';

/** A model server and the cluster it runs on. */
export function ServerWithCluster(props: { server: Entity }) {
  const links = useAiPlatformLinks();
  const cluster = serverCluster(props.server);
  return (
    <span>
      <EntityRefLink entityRef={props.server} />
      {cluster.name && (
        <>
          {' on '}
          {cluster.resourceRef ? (
            <EntityRefLink entityRef={cluster.resourceRef} />
          ) : (
            <Link to={links.inventory({ cluster: cluster.name })}>
              {cluster.name}
            </Link>
          )}
        </>
      )}
    </span>
  );
}

export function ServedOn(props: { servers: Entity[] }) {
  if (props.servers.length === 0) {
    return (
      <Typography variant="body2" color="text.secondary" component="span">
        Not served
      </Typography>
    );
  }
  return (
    <ul style={{ margin: 0, paddingLeft: 16 }}>
      {props.servers.map(s => (
        <li key={s.metadata.uid ?? s.metadata.name}>
          <ServerWithCluster server={s} />
        </li>
      ))}
    </ul>
  );
}
