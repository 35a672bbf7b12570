;;; blog-lsp.el --- blog-lsp for Markdown notes through eglot  -*- lexical-binding: t; -*-

;;; Commentary:

;; blog-lsp checks technical blog drafts in an Obsidian vault, in British English.  Load this
;; file from your init file, then `M-x eglot' in a note of your vault (or add `eglot-ensure' to
;; `markdown-mode-hook'):
;;
;;   (load "/path/to/blog-lsp/editors/emacs/blog-lsp.el")
;;   (add-hook 'markdown-mode-hook #'eglot-ensure)
;;
;; eglot starts one server a project: a vault that is not in a repository is made a project
;; of its own (the folder holding `.obsidian/'), so its notes share one server.

;;; Code:

(require 'eglot)

;; Change the command here if the `blog-lsp' script is not on `exec-path', for example to
;; ("python3" "-m" "blog_lsp").
(add-to-list 'eglot-server-programs '((markdown-mode gfm-mode) . ("blog-lsp")))

(defun blog-lsp-vault-project (directory)
  "The vault holding DIRECTORY as a project.el project, or nil outside a vault."
  (let ((root (locate-dominating-file directory ".obsidian")))
    (and root (cons 'transient (expand-file-name root)))))

;; After the version-control backends: a vault in a repository stays part of that project.
(add-hook 'project-find-functions #'blog-lsp-vault-project 90)

(defcustom blog-lsp-settings '(:userWordList "~/.config/blog-lsp/words.txt")
  "Settings for blog-lsp, as a plist of the editor's camelCase keys.
Set it before this file is loaded.  Editor settings win over the
vault's .blog-lsp.toml, so set only what is yours rather than the
vault's.  For example:

  (:spellingMode \"oxford\"
   :acceptedWords [\"vLLM\" \"reranking\"]
   :rules (:british-style \"off\"))

Lists are vectors, so that they reach the server as JSON arrays."
  :type 'plist
  :group 'eglot)

;; Added to the default `eglot-workspace-configuration' (a plist of sections) rather than
;; replacing it, so other servers keep their settings.  A project's .dir-locals.el can set
;; its own.
(let ((current (default-value 'eglot-workspace-configuration)))
  (if (and (listp current) (or (null current) (keywordp (car current))))
      (setq-default eglot-workspace-configuration
                    (plist-put (copy-sequence current) :blogLsp blog-lsp-settings))
    (display-warning 'blog-lsp
                     "`eglot-workspace-configuration' is not a plist: add (:blogLsp ...) to it")))

(provide 'blog-lsp)

;;; blog-lsp.el ends here
