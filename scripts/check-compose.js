// `npm run check:compose [-- --schema] [file]`: keeps docker-compose.yml valid (CI). Where
// Docker's Compose plugin answers (`docker compose version`), `docker compose config -q` checks
// the file as Compose itself loads it; elsewhere, or with --schema, the file is validated against
// the Compose Specification's JSON Schema, vendored in infra/docker/compose-spec.json (its source:
// infra/docker/README.md). Either way it then asserts what no schema can say:
//
// - every service of the distributed shape is there, each running its own main.js, with the
//   database and broker set, naming services of the file, and with the two secrets taken from the
//   environment (`${NAME:?…}`), never written into the file;
// - every build context, Dockerfile (and its target stage) and bind-mounted file exists;
// - nginx mounts its template into the image's envsubst template directory, and its environment
//   sets every `${VAR}` the template needs, and nothing that would replace an nginx variable.
//
// Prints which validation it ran; exits 1 with the problems when there are any.
const { spawnSync } = require('node:child_process');
const { existsSync, readFileSync, statSync } = require('node:fs');
const { dirname, join, relative, resolve } = require('node:path');

const root = join(__dirname, '..');
const SCHEMA_FILE = join(root, 'infra/docker/compose-spec.json');
const SCHEMA_SOURCE = 'github.com/compose-spec/compose-go/v2 v2.16.2';

/** The services of the distributed shape (SERVICES of apps/local-cluster), and the origin. */
const APP_SERVICES = [
  'signal-intake',
  'risk-projector',
  'risk-query',
  'escalation',
  'notifier',
  'relay',
];
const REQUIRED_SERVICES = [...APP_SERVICES, 'nginx'];
/** Settings every service needs in the distributed shape, each naming a service of the file. */
const ADDRESS_SETTINGS = ['DATABASE_URL', 'KAFKA_BROKERS'];
/** Settings naming a service of the file where they are set. */
const OPTIONAL_ADDRESS_SETTINGS = ['SMTP_URL'];
/** Shared by every service, so given by the operator: a service would otherwise make its own. */
const SECRET_SETTINGS = ['AUTH_JWT_SECRET', 'SUBJECT_FINGERPRINT_KEY', 'WEERBAAR_KEK'];

/** A Go duration ("10s", "1m30s"), the one format compose-go adds to the schema. */
const GO_DURATION = /^[-+]?(0|((\d+(\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h))+)$/;

/** Reads a compose file as Compose does: YAML with anchors and `<<` merge keys. */
function loadCompose(file) {
  let YAML;
  try {
    YAML = require('yaml');
  } catch (error) {
    if (error.code !== 'MODULE_NOT_FOUND') throw error;
    throw new Error('the `yaml` package is missing: add it with `npm install --save-dev yaml@^2`');
  }
  const document = YAML.parseDocument(readFileSync(file, 'utf8'), { merge: true });
  if (document.errors.length > 0) {
    throw new Error(`${file}: ${document.errors.map((error) => error.message).join('\n')}`);
  }
  return document.toJS({ maxAliasCount: -1 });
}

/** Problems of the document against the Compose Specification schema (none: valid). */
function schemaProblems(document) {
  const Ajv2020 = require('ajv/dist/2020').default;
  // Strict, except for two habits of the schema: `properties` without `type: object` and
  // `required` naming properties it defines elsewhere.
  const ajv = new Ajv2020({
    allErrors: true,
    strictTypes: false,
    strictRequired: false,
    allowUnionTypes: true,
  });
  ajv.addFormat('duration', GO_DURATION);
  const validate = ajv.compile(JSON.parse(readFileSync(SCHEMA_FILE, 'utf8')));
  if (validate(document)) return [];
  const problems = validate.errors.map((error) => {
    const where = error.instancePath.replace(/^\//, '').replaceAll('/', '.') || '(top level)';
    const name = error.params.additionalProperty ?? error.params.unevaluatedProperty;
    return `${where}: ${error.message}${name === undefined ? '' : ` (${name})`}`;
  });
  return [...new Set(problems)];
}

/** What the schema cannot check: the shape of Weerbaar's compose file. `dir`: the file's. */
function shapeProblems(document, dir) {
  const problems = [];
  const services = isObject(document?.services) ? document.services : {};
  for (const name of REQUIRED_SERVICES) {
    if (!isObject(services[name])) problems.push(`service ${name} is missing`);
  }
  for (const [name, service] of Object.entries(services)) {
    if (isObject(service)) problems.push(...pathProblems(name, service, dir));
  }
  for (const name of APP_SERVICES) {
    if (isObject(services[name])) problems.push(...appProblems(name, services[name], services));
  }
  if (isObject(services.nginx)) problems.push(...nginxProblems(services.nginx, services, dir));
  return problems;
}

function appProblems(name, service, services) {
  const problems = [];
  const main = `dist/apps/${name}/src/main.js`;
  const command = [service.entrypoint ?? [], service.command ?? []].flat().join(' ');
  if (!command.split(/\s+/).includes(main)) {
    problems.push(`service ${name}: its command does not run ${main}`);
  }
  const env = environmentOf(service);
  for (const setting of [...ADDRESS_SETTINGS, ...OPTIONAL_ADDRESS_SETTINGS]) {
    if (!env.has(setting)) {
      if (ADDRESS_SETTINGS.includes(setting))
        problems.push(`service ${name}: ${setting} is not set`);
      continue;
    }
    for (const host of hostsOf(env.get(setting) ?? '')) {
      if (!(host in services)) {
        problems.push(`service ${name}: ${setting} names ${host}, which is no service of the file`);
      }
    }
  }
  for (const setting of SECRET_SETTINGS) {
    const value = env.get(setting);
    if (typeof value !== 'string' || !value.startsWith(`\${${setting}:?`)) {
      problems.push(
        `service ${name}: ${setting} must come from the environment as \${${setting}:?message}`,
      );
    }
  }
  return problems;
}

function pathProblems(name, service, dir) {
  const problems = [];
  const shown = (path) => relative(dir, path) || '.';
  if (service.build !== undefined) {
    const build = typeof service.build === 'string' ? { context: service.build } : service.build;
    const context = build.context ?? '.';
    const contextDir = resolve(dir, context);
    if (isRemote(context)) {
      // a Git repository or URL: nothing to look at here
    } else if (!isDirectory(contextDir)) {
      problems.push(`service ${name}: build context ${context} is no directory`);
    } else if (build.dockerfile_inline === undefined) {
      const dockerfile = resolve(contextDir, build.dockerfile ?? 'Dockerfile');
      if (!isFile(dockerfile)) {
        problems.push(`service ${name}: Dockerfile ${shown(dockerfile)} does not exist`);
      } else if (
        build.target !== undefined &&
        !stagesOf(dockerfile).includes(String(build.target).toLowerCase())
      ) {
        problems.push(`service ${name}: ${shown(dockerfile)} has no stage ${build.target}`);
      }
    }
  }
  for (const volume of service.volumes ?? []) {
    const { source } = bindMount(volume) ?? {};
    if (source !== undefined && !existsSync(resolve(dir, source))) {
      problems.push(`service ${name}: mounts ${source}, which does not exist`);
    }
  }
  for (const entry of [service.env_file ?? []].flat()) {
    const { path, required = true } = typeof entry === 'string' ? { path: entry } : entry;
    if (required && !existsSync(resolve(dir, path))) {
      problems.push(`service ${name}: env_file ${path} does not exist`);
    }
  }
  return problems;
}

/** The nginx image renders /etc/nginx/templates/*.template with envsubst of its environment. */
function nginxProblems(nginx, services, dir) {
  const problems = [];
  const env = environmentOf(nginx);
  const templateDir = (env.get('NGINX_ENVSUBST_TEMPLATE_DIR') ?? '/etc/nginx/templates').replace(
    /\/+$/,
    '',
  );
  const suffix = env.get('NGINX_ENVSUBST_TEMPLATE_SUFFIX') ?? '.template';
  const rawFilter = env.get('NGINX_ENVSUBST_FILTER');
  // `$$` is Compose's escape of `$`.
  const filter = rawFilter ? new RegExp(rawFilter.replaceAll('$$', '$')) : undefined;
  const substituted = (variable) => env.has(variable) && (!filter || filter.test(variable));
  const templates = (nginx.volumes ?? [])
    .map(bindMount)
    .filter(
      (mount) => mount?.target?.startsWith(`${templateDir}/`) && mount.target.endsWith(suffix),
    );
  if (templates.length === 0) {
    problems.push(`service nginx: mounts no *${suffix} file into ${templateDir}`);
  }
  for (const { source } of templates) {
    const file = resolve(dir, source);
    if (!isFile(file)) continue; // reported with the paths
    const text = readFileSync(file, 'utf8');
    const needed = new Set([...text.matchAll(/\$\{(\w+)\}/g)].map((match) => match[1]));
    for (const variable of needed) {
      if (!env.has(variable)) {
        problems.push(
          `service nginx: ${source} needs \${${variable}}, which its environment lacks`,
        );
      } else if (!substituted(variable)) {
        problems.push(
          `service nginx: NGINX_ENVSUBST_FILTER leaves \${${variable}} of ${source} as is`,
        );
      } else {
        for (const host of hostsOf(env.get(variable) ?? '')) {
          if (!(host in services)) {
            problems.push(
              `service nginx: ${variable} names ${host}, which is no service of the file`,
            );
          }
        }
      }
    }
    // envsubst replaces $NAME as well as ${NAME}: an nginx variable ($host, …) must not be set.
    for (const [, variable] of text.matchAll(/\$(\w+)/g)) {
      if (!needed.has(variable) && substituted(variable)) {
        problems.push(
          `service nginx: its environment sets ${variable}, so envsubst would replace nginx's $${variable} in ${source}`,
        );
      }
    }
  }
  return [...new Set(problems)];
}

/** A service's environment, as a map (list or mapping; a bare `NAME` maps to undefined). */
function environmentOf(service) {
  const env = new Map();
  const raw = service.environment ?? {};
  if (Array.isArray(raw)) {
    for (const entry of raw) {
      const [name, ...value] = String(entry).split('=');
      env.set(name, value.length > 0 ? value.join('=') : undefined);
    }
  } else if (isObject(raw)) {
    for (const [name, value] of Object.entries(raw)) {
      env.set(name, value === null ? undefined : String(value));
    }
  }
  return env;
}

/** The hosts a setting names: host:port lists and URLs (nothing for other values). */
function hostsOf(value) {
  return value
    .split(',')
    .map((part) => part.trim())
    .flatMap((part) => {
      if (part.includes('://')) {
        try {
          return [new URL(part).hostname];
        } catch {
          return [];
        }
      }
      const match = /^([A-Za-z0-9._-]+):\d+$/.exec(part);
      return match ? [match[1]] : [];
    })
    .filter((host) => host !== '' && !host.includes('$') && !/^[\d.]+$/.test(host));
}

/** Source and target of a bind mount (short or long syntax); undefined for other volumes. */
function bindMount(volume) {
  if (typeof volume === 'string') {
    const [source, target] = volume.split(':');
    if (target === undefined || !/^[./~]/.test(source) || source.includes('$')) return undefined;
    return { source, target };
  }
  if (isObject(volume) && volume.type === 'bind' && typeof volume.source === 'string') {
    return volume.source.includes('$')
      ? undefined
      : { source: volume.source, target: volume.target };
  }
  return undefined;
}

/** The named stages of a Dockerfile (`FROM image AS name`), in lower case. */
function stagesOf(dockerfile) {
  return [
    ...readFileSync(dockerfile, 'utf8').matchAll(/^\s*FROM\s+(?:--\S+\s+)*\S+\s+AS\s+(\S+)/gim),
  ].map((match) => match[1].toLowerCase());
}

function isRemote(context) {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(context) || context.startsWith('git@');
}

function isObject(value) {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDirectory(path) {
  return existsSync(path) && statSync(path).isDirectory();
}

function isFile(path) {
  return existsSync(path) && statSync(path).isFile();
}

/** `docker compose version`'s answer, or undefined where there is no Compose plugin. */
function dockerComposeVersion() {
  const result = spawnSync('docker', ['compose', 'version', '--short'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** `docker compose config -q`, with placeholders for the required variables left unset. */
function dockerComposeProblems(file) {
  const env = { ...process.env };
  for (const [, name] of readFileSync(file, 'utf8').matchAll(/\$\{(\w+):?\?/g)) {
    env[name] ??= 'placeholder-of-check-compose-not-a-secret';
  }
  const result = spawnSync('docker', ['compose', '--file', file, 'config', '--quiet'], {
    encoding: 'utf8',
    env,
  });
  return result.status === 0 ? [] : [`docker compose config: ${result.stderr.trim()}`];
}

function main(args) {
  const out = (line) => process.stdout.write(`check-compose: ${line}\n`);
  const file = resolve(
    args.find((arg) => !arg.startsWith('--')) ?? join(root, 'docker-compose.yml'),
  );
  const shown = relative(process.cwd(), file) || file;
  try {
    const document = loadCompose(file);
    const problems = [];
    const version = args.includes('--schema') ? undefined : dockerComposeVersion();
    if (version !== undefined) {
      out(`validating ${shown} with docker compose config -q (Docker Compose ${version})`);
      problems.push(...dockerComposeProblems(file));
    } else {
      const why = args.includes('--schema') ? '--schema' : 'no docker compose here';
      out(
        `${why}: validating ${shown} against the Compose Specification schema (${SCHEMA_SOURCE})`,
      );
      problems.push(...schemaProblems(document));
    }
    out(`checking the services, paths and nginx template of ${shown}`);
    problems.push(...shapeProblems(document, dirname(file)));
    if (problems.length > 0) {
      process.stderr.write(
        `check-compose: ${shown} is not valid:\n  - ${problems.join('\n  - ')}\n`,
      );
      return 1;
    }
    out(`${shown} is valid`);
    return 0;
  } catch (error) {
    process.stderr.write(`check-compose: ${error instanceof Error ? error.message : error}\n`);
    return 1;
  }
}

module.exports = {
  APP_SERVICES,
  REQUIRED_SERVICES,
  loadCompose,
  schemaProblems,
  shapeProblems,
};

if (require.main === module) process.exitCode = main(process.argv.slice(2));
