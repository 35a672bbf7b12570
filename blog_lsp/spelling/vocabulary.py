"""Technical words that general dictionaries lack but blog drafts on ML engineering use.

The typo checker accepts these (and their British -ise forms) without any vault word list.
Names with internal capitals (PyTorch, GitHub) and acronyms (GPU, LLMs) never reach the
checker, so only words written in lower case, or capitalised at a sentence start, belong here.
"""

from __future__ import annotations

from typing import Final

_WORDS: Final = """
ablation ablations activations adamw adapter adapters adversarial agentic aggregator
aggregators algorithmically allocator allocators anonymize anonymized api apis app apps argmax
argmin args async auth autocomplete autoencoder autoencoders autograd autoregressive
autoscaling backend backends backprop backpropagate backpropagated backpropagating
backpropagation bandwidth barplot batchnorm benchmarking bigram bigrams binarize binarized
binarizes binarizing bitwise bleu blog blogpost blogposts blogs boolean booleans bootstrapping
bottlenecked bpe bytecode cacheable callback callbacks changelog chatbot chatbots cheatsheet
cheatsheets checkbox checkpointed checkpointing chunked chunking classifier classifiers cli
codebase codebases colab colocated composable config configs configurable containerize
containerized convolutional coroutine coroutines cpu cpus cron crossentropy css csv cuda cudnn
dashboard dashboards dataclass dataclasses dataframe dataframes dataloader dataloaders dataset
datasets debuggable decoder decoders dedup dedupe deduplicate deduplicated deduplication
deepfake deepfakes denoise denoised denoising deployable dequantize dequantized deserialize
deserialized deserializes deserializing detokenize dev devops diffusers dimensionality
discoverability distillation django docker dockerfile dockerize docstring docstrings downsample
downsampled downsampling downstream dpo dropdown dropout eigen eigendecomposition eigenvalue
eigenvalues eigenvector eigenvectors elementwise embedder embedders embeddings encoder encoders
encodings endpoint endpoints ensembling enum enums epoch epochs etc eval evals explainability
failover fastapi featurization featurize featurized featurizes featurizing filename filenames
filesystem finetune finetuned finetunes finetuning fp frontend frontends frontmatter gelu ggml
gguf github gitlab globals gpt gpu gpus grayscale groundedness hallucinate hallucinated
hallucinates hallucinating hallucination hallucinations hardcode hardcoded hashmap heatmap
heatmaps hessian heuristically html http https huggingface hyperparameter hyperparameters
idempotency idempotent impl inferencing init inlined interpretability jax json jsonl jupyter
jwt kaggle keras kubernetes langchain latents layernorm layerwise leaderboard leaderboards
learnable lemmatization lemmatize linter linters llama llamas llm llms localhost logit logits
longformer lookup lookups lora lstm lstms macos makefile maths matmul matmuls matplotlib
memoization memoize memoized metadata microbatch microbatches microservice microservices
middleware minibatch minibatches misconfiguration misconfigured mixin mixtral mlops mlp mlps
multiclass multihead multilabel multilingual multimodal multiprocessing namespace namespaces
nondeterminism nondeterministic normalizer normalizers numpy nvidia nvme oauth observability
offline onboarding onnx openai optimizer optimizers overfit overfits overfitting parallelism
parallelization parallelize parallelized parametrize parametrized params parsable peft
perceptron perceptrons performant pipelining plugin plugins pointwise postprocess
postprocessing ppo preprocess preprocessed preprocessing preprocessor pretrain pretrained
pretraining productionize productionized productionizes productionizing profiler prometheus
prompting pydantic pytest pytorch qlora quantile quantiles quantization quantize quantized
quantizer quantizes quantizing quickstart qwen readme rebalance rebalancing reembed refactor
refactored refactoring refactors regex regexes reindex reindexing relu repo repos
reproducibility rerank reranked reranker rerankers reranking reshard resharding retrain
retrained retraining retriever retrievers rlhf rmsnorm rmsprop roadmap rollout rollouts rss
runtime runtimes scalability scalable scheduler schedulers scikit sdk sdks seaborn
sentencepiece seq serializable serialize serialized serializer serializes serializing sgd
sharded sharding sigmoid siloed softmax sparsity spreadsheet ssd ssl stateful stateless strided
subclass subclasses subclassing subfolder subfolders subgraph submodule submodules subnet
subnetwork subword subwords summarization summarizer superset syntactically templating tensor
tensorflow tensors threadpool tiktoken timestamp timestamps timestep timesteps tls tokenization
tokenize tokenized tokenizer tokenizers tokenizes tokenizing toml toolchain tooltip tooltips
torch tpu tpus trainable transformer transformers trigram trigrams typecheck typechecker
underfitting unigram unigrams unix unmerged unsupervised upsample upsampled upsampling upvote
upvotes uri uris url urls username usernames utf util utils validator validators vectorization
vectorize vectorized vectorizer vectorizes vectorizing vectorstore vectorstores vllm vocab
vocabs vram walkthrough walkthroughs webhook webhooks whitespace wiki wikilink wikilinks
wordpiece workflow workflows xgboost xml yaml zsh
"""

TECH_WORDS: Final = frozenset(_WORDS.split())
