import { ContainerSummary } from '@ai-platform/plugin-ai-platform-common';

/** Serving engines recognizable from a container. */
export type ServingEngine = 'vllm' | 'llm-d' | 'sglang' | 'tgi' | 'triton';

/** What a serving container says about itself. */
export interface ServingCommand {
  engine: ServingEngine;
  /** The model as the server names it: a Hugging Face id, a path, or `--served-model-name`. */
  modelId?: string;
  /** The model's source when the command gives it as a URI (`hf://`, `s3://`, ...). */
  modelUri?: string;
  /** `--tensor-parallel-size`, when given. */
  tensorParallelSize?: number;
}

/** llm-d's vLLM images, not its scheduler or routing sidecar. */
const LLMD_SERVING_IMAGE =
  /(^|\/)llm-d(-cuda|-rocm|-xpu|-cpu|-hpu|-gaudi)?(:|@|$)/i;

const IMAGE_ENGINES: [RegExp, ServingEngine][] = [
  [LLMD_SERVING_IMAGE, 'llm-d'],
  [/vllm/i, 'vllm'],
  [/sglang/i, 'sglang'],
  [/text-generation-inference|(^|\/)tgi[:-]/i, 'tgi'],
  [/tritonserver/i, 'triton'],
];

const URI = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Splits command and args into tokens. Shell scripts (`sh -c "vllm serve
 * X --port 8000"`) arrive as one string, so strings with spaces are split
 * again; `$(VAR)` references are expanded from the container's literal env.
 */
export function commandTokens(container: ContainerSummary): string[] {
  const tokens: string[] = [];
  for (const raw of [...container.command, ...container.args]) {
    const expanded = raw.replace(
      /\$\(([A-Za-z_][A-Za-z0-9_]*)\)|\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
      (match, a, b) => container.env[a ?? b] ?? match,
    );
    if (/\s/.test(expanded.trim())) {
      for (const part of expanded.split(/\s+/)) {
        const unquoted = part.replace(/^['"]|['"]$/g, '');
        if (unquoted) tokens.push(unquoted);
      }
    } else if (expanded.trim()) {
      tokens.push(expanded.trim());
    }
  }
  return tokens;
}

/** The value of `--flag value` or `--flag=value`, first occurrence. */
export function flagValue(
  tokens: string[],
  ...flags: string[]
): string | undefined {
  for (let i = 0; i < tokens.length; i++) {
    for (const flag of flags) {
      if (tokens[i] === flag && i + 1 < tokens.length) {
        const value = tokens[i + 1];
        if (!value.startsWith('-')) return value;
      }
      if (tokens[i].startsWith(`${flag}=`)) {
        return tokens[i].slice(flag.length + 1) || undefined;
      }
    }
  }
  return undefined;
}

function engineOf(
  container: ContainerSummary,
  tokens: string[],
): ServingEngine | undefined {
  const joined = tokens.join(' ');
  if (/(^|\s|\/)vllm\s+serve(\s|$)|vllm\.entrypoints/.test(joined)) {
    return LLMD_SERVING_IMAGE.test(container.image) ? 'llm-d' : 'vllm';
  }
  if (/sglang\.launch_server|(^|\s)sglang\s+serve/.test(joined))
    return 'sglang';
  if (/(^|\s|\/)text-generation-launcher(\s|$)/.test(joined)) return 'tgi';
  if (/(^|\s|\/)tritonserver(\s|$)/.test(joined)) return 'triton';
  for (const [pattern, engine] of IMAGE_ENGINES) {
    if (pattern.test(container.image)) return engine;
  }
  return undefined;
}

/** The positional model of `vllm serve <model>`, if any. */
function vllmServePositional(tokens: string[]): string | undefined {
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (/(^|\/)vllm$/.test(tokens[i]) && tokens[i + 1] === 'serve') {
      const candidate = tokens[i + 2];
      if (candidate && !candidate.startsWith('-')) return candidate;
      return undefined;
    }
  }
  return undefined;
}

function splitModel(
  value: string | undefined,
  servedName: string | undefined,
): { modelId?: string; modelUri?: string } {
  if (!value) return servedName ? { modelId: servedName } : {};
  if (URI.test(value)) {
    const hf = /^hf:\/\/(.+)$/i.exec(value);
    return {
      modelUri: value,
      modelId: servedName ?? (hf ? hf[1].replace(/\/+$/, '') : undefined),
    };
  }
  // A local path is what vLLM calls the model unless it is given a name;
  // a Hugging Face id is the better identity than an alias.
  if (value.startsWith('/')) return { modelId: servedName ?? value };
  return { modelId: value };
}

/**
 * Recognizes vLLM, llm-d, SGLang, TGI and Triton containers and reads the
 * model from their command line: `--model X`, `--model=X`, `vllm serve X`,
 * `--model-path` (SGLang), `--model-id`/`MODEL_ID` (TGI),
 * `--model-repository` (Triton).
 */
export function parseServingCommand(
  container: ContainerSummary,
): ServingCommand | undefined {
  const tokens = commandTokens(container);
  const engine = engineOf(container, tokens);
  if (!engine) return undefined;
  const servedName = flagValue(tokens, '--served-model-name');
  let model: { modelId?: string; modelUri?: string } = {};
  switch (engine) {
    case 'vllm':
    case 'llm-d':
      model = splitModel(
        flagValue(tokens, '--model') ?? vllmServePositional(tokens),
        servedName,
      );
      break;
    case 'sglang':
      model = splitModel(
        flagValue(tokens, '--model-path', '--model'),
        servedName,
      );
      break;
    case 'tgi':
      model = splitModel(
        flagValue(tokens, '--model-id') ?? container.env.MODEL_ID,
        servedName,
      );
      break;
    case 'triton': {
      const repository = flagValue(
        tokens,
        '--model-repository',
        '--model-store',
      );
      model =
        repository && URI.test(repository) ? { modelUri: repository } : {};
      break;
    }
    default:
      break;
  }
  const tp = flagValue(tokens, '--tensor-parallel-size', '-tp');
  const tensorParallelSize = tp && /^\d+$/.test(tp) ? Number(tp) : undefined;
  return {
    engine,
    ...model,
    ...(tensorParallelSize ? { tensorParallelSize } : {}),
  };
}
