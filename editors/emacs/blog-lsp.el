;;; blog-lsp.el --- blog-lsp for Markdown notes through eglot  -*- lexical-binding: t; -*-

;; Package-Requires: ((emacs "28.1") (eglot "1.9") (markdown-mode "2.5"))

;;; Commentary:

;; blog-lsp checks technical blog drafts in an Obsidian vault, in British English.  It needs
;; eglot (built into Emacs 29; on Emacs 28 install it: `M-x package-install RET eglot', or
;; Debian's elpa-eglot) and markdown-mode (`M-x package-install RET markdown-mode', or
;; elpa-markdown-mode).  Load this file from your init file and start blog-lsp in the notes
;; of your vaults:
;;
;;   (load "/path/to/blog-lsp/editors/emacs/blog-lsp.el")
;;   (add-hook 'markdown-mode-hook #'blog-lsp-ensure)
;;
;; `blog-lsp-ensure' starts eglot only in a vault (a folder holding `.obsidian/' or
;; `.blog-lsp.toml'): the Markdown files of other projects are left alone.  eglot starts one
;; server a project: a vault that is not in a repository is made a project of its own, so its
;; notes share one server.
;;
;; Completion is `completion-at-point' (markdown-mode leaves C-M-i to ispell); quick fixes are
;; `eglot-code-actions'; `M-x blog-lsp-new-draft' makes a draft from the template.

;;; Code:

(require 'eglot)
(require 'jsonrpc)

(defgroup blog-lsp nil
  "blog-lsp, the language server for blog drafts in an Obsidian vault."
  :group 'eglot)

(defcustom blog-lsp-command '("blog-lsp")
  "The command that starts the blog-lsp language server, as a list.
For example (\"python3\" \"-m\" \"blog_lsp\") when the `blog-lsp'
script is not on `exec-path'."
  :type '(repeat string)
  :group 'blog-lsp)

(defconst blog-lsp-vault-markers '(".obsidian" ".blog-lsp.toml")
  "Files or folders whose presence makes a folder a vault, nearest first in this order.")

(defun blog-lsp--contact (&optional _interactive)
  "The server command, read when eglot starts the server."
  blog-lsp-command)

(add-to-list 'eglot-server-programs '((markdown-mode gfm-mode) . blog-lsp--contact))

(defun blog-lsp-vault-root (directory)
  "The vault holding DIRECTORY, or nil outside a vault.
The nearest folder holding `.obsidian/', else one holding
`.blog-lsp.toml', the order `blog-lsp check' uses."
  (seq-some (lambda (marker)
              (let ((root (locate-dominating-file directory marker)))
                (and root (expand-file-name root))))
            blog-lsp-vault-markers))

(defun blog-lsp-vault-project (directory)
  "The vault holding DIRECTORY as a project.el project, or nil outside a vault."
  (let ((root (blog-lsp-vault-root directory)))
    (and root (cons 'transient root))))

;; After the version-control backends: a vault in a repository stays part of that project.
(add-hook 'project-find-functions #'blog-lsp-vault-project 90)

(defun blog-lsp-ensure ()
  "Start blog-lsp (through `eglot-ensure') when this buffer's file is in a vault."
  (when (and buffer-file-name (blog-lsp-vault-root (file-name-directory buffer-file-name)))
    (eglot-ensure)))

(defun blog-lsp--managed-p ()
  "Whether blog-lsp serves the current buffer (known by the commands it offers)."
  (and (eglot-current-server)
       (seq-contains-p (eglot--server-capable :executeCommandProvider :commands)
                       "blog-lsp.newDraft")))

(defun blog-lsp--region-bounds (bounds)
  "Without an active region, BOUNDS become point alone in blog-lsp buffers.
eglot 1.9 sends the bounds of the word at point as the range of a
code action request, so the server took a word the writer never
selected for a selection (\"New blog draft from the selection\")."
  (if (and (not (use-region-p)) (blog-lsp--managed-p))
      (list (point) nil)
    bounds))

;; Newer eglot has `eglot--code-action-bounds', which already sends point alone.
(when (fboundp 'eglot--region-bounds)
  (advice-add 'eglot--region-bounds :filter-return #'blog-lsp--region-bounds))

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
  :group 'blog-lsp)

;; Added to the default `eglot-workspace-configuration' (a plist of sections) rather than
;; replacing it, so other servers keep their settings.  A project's .dir-locals.el can set
;; its own.
(let ((current (default-value 'eglot-workspace-configuration)))
  (if (and (listp current) (or (null current) (keywordp (car current))))
      (setq-default eglot-workspace-configuration
                    (plist-put (copy-sequence current) :blogLsp blog-lsp-settings))
    (display-warning 'blog-lsp
                     "`eglot-workspace-configuration' is not a plist: add (:blogLsp ...) to it")))

(defun blog-lsp-new-draft (title &optional allow-duplicate)
  "Create a blog draft called TITLE from the template, in the vault's drafts folder.
The server never overwrites a file, and refuses a title nearly
that of another draft; with a prefix argument (\\[universal-argument]),
ALLOW-DUPLICATE creates the draft anyway.  Run it from a note of
the vault."
  (interactive (list (read-string "Title of the new draft: ") current-prefix-arg))
  (let ((server (and (blog-lsp--managed-p) (eglot-current-server)))
        (argument (list :title title)))
    (unless server
      (user-error "blog-lsp: open a note of your vault first (blog-lsp is not running here)"))
    (when buffer-file-name
      (setq argument (plist-put argument :uri (eglot--path-to-uri buffer-file-name))))
    (when allow-duplicate
      (setq argument (plist-put argument :allowDuplicate t)))
    (condition-case error
        (let ((uri (jsonrpc-request server :workspace/executeCommand
                                    (list :command "blog-lsp.newDraft"
                                          :arguments (vector argument)))))
          (find-file (eglot--uri-to-path uri))
          uri)
      (jsonrpc-error
       (let ((message (alist-get 'jsonrpc-error-message (cdr error)))
             (data (alist-get 'jsonrpc-error-data (cdr error))))
         (user-error "blog-lsp: %s%s" message
                     (if (and (listp data) (plist-get data :duplicate))
                         " Call it with C-u (C-u M-x blog-lsp-new-draft) to create it."
                       "")))))))

(provide 'blog-lsp)

;;; blog-lsp.el ends here
